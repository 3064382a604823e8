package org.jswan.interop;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strongswan.conf one charon instance runs with (and its swanctl reads), written by
 * {@link #render}. Only what the tests need, every setting explained where it is written.
 */
final class StrongswanConf {
    /**
     * charon's plugins, in load order. kernel-libipsec must come before kernel-netlink: the first
     * registered kernel_ipsec wins (this kernel has no ESP), while kernel-netlink still does
     * addresses and routes. 3DES comes from openssl (Debian builds no des plugin).
     */
    static final List<String> CHARON_PLUGINS = List.of("random", "nonce", "drbg", "openssl", "aes", "sha1", "sha2",
            "md5", "hmac", "gmp", "kdf", "pem", "pkcs1", "pkcs8", "pubkey", "x509", "revocation", "constraints",
            "kernel-libipsec", "kernel-netlink", "socket-default", "vici", "updown");
    /** swanctl only parses credentials: loading charon's whole default list costs time and warnings. */
    static final List<String> SWANCTL_PLUGINS = List.of("pem", "pkcs1", "pkcs8", "x509", "revocation",
            "constraints", "pubkey", "openssl", "random");
    /** Marks charon's own IKE/ESP-in-UDP packets so they bypass the routes into the TUN device. */
    static final String FWMARK = "0x4a53";

    private final Map<String, Integer> levels = new LinkedHashMap<>();
    private String retransmitTimeout = "2.0";
    private String retransmitBase = "1.8";
    private int retransmitTries = 3;

    StrongswanConf() {
        levels.put("default", 1);
        levels.put("ike", 2);
        levels.put("cfg", 2);
        levels.put("enc", 1);
        levels.put("net", 1);
        levels.put("knl", 1);
        levels.put("esp", 1);
    }

    /**
     * One charondebug group's filelog level, -1..4 (ike=4 dumps every key and intermediate, among
     * them the "encryption key Ka" that lets tshark decrypt the capture).
     */
    StrongswanConf log(String group, int level) {
        if (level < -1 || level > 4) {
            throw new IllegalArgumentException("log level " + level);
        }
        levels.put(group, level);
        return this;
    }

    /** charon's retransmissions: at timeout·base^k seconds, k = 0..tries-1, then it gives up. */
    StrongswanConf retransmit(String timeout, String base, int tries) {
        this.retransmitTimeout = timeout;
        this.retransmitBase = base;
        this.retransmitTries = tries;
        return this;
    }

    int level(String group) {
        return levels.getOrDefault(group, levels.get("default"));
    }

    String render(Path vici, Path log) {
        StringBuilder s = new StringBuilder();
        s.append("# written by org.jswan.interop.StrongswanConf for one test charon; regenerated every start\n");
        s.append("charon {\n");
        s.append("    load = ").append(String.join(" ", CHARON_PLUGINS)).append('\n');
        s.append("    port = 500\n");
        s.append("    port_nat_t = 4500           # floated IKE and ESP-in-UDP (kernel-libipsec fakes a NAT)\n");
        s.append("    # give up soon: retransmits at +").append(retransmitTimeout).append(" s and then x")
                .append(retransmitBase).append(" each, ").append(retransmitTries).append(" tries\n");
        s.append("    retransmit_timeout = ").append(retransmitTimeout).append('\n');
        s.append("    retransmit_base = ").append(retransmitBase).append('\n');
        s.append("    retransmit_tries = ").append(retransmitTries).append('\n');
        s.append("    install_routes = yes        # kernel-libipsec steers traffic into ipsec0 by routes\n");
        s.append("    routing_table = 220\n");
        s.append("    routing_table_prio = 220\n");
        s.append("    interfaces_ignore = ipsec0  # never IKE over the TUN device\n");
        s.append("    send_vendor_id = yes        # the strongSwan VID, handy in captures\n");
        s.append("    plugins {\n");
        s.append("        vici {\n");
        s.append("            socket = unix://").append(vici).append('\n');
        s.append("        }\n");
        s.append("        socket-default {\n");
        s.append("            use_ipv6 = no\n");
        s.append("            fwmark = ").append(FWMARK).append("       # our IKE packets carry this mark...\n");
        s.append("        }\n");
        s.append("        kernel-netlink {\n");
        s.append("            fwmark = !").append(FWMARK).append("      # ...so table 220 (into ipsec0) skips them\n");
        s.append("        }\n");
        s.append("        kernel-libipsec {\n");
        s.append("            allow_peer_ts = yes     # host-to-host: route the peer itself into the tunnel\n");
        s.append("        }\n");
        s.append("    }\n");
        s.append("    filelog {\n");
        s.append("        test {\n");
        s.append("            path = ").append(log).append('\n');
        s.append("            time_format = %H:%M:%S\n");
        s.append("            time_add_ms = yes\n");
        s.append("            ike_name = yes\n");
        s.append("            append = yes\n");
        s.append("            flush_line = yes\n");
        for (Map.Entry<String, Integer> e : levels.entrySet()) {
            s.append("            ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        s.append("        }\n");
        s.append("    }\n");
        s.append("    syslog {\n");
        s.append("        daemon {\n");
        s.append("            default = -1\n");
        s.append("        }\n");
        s.append("        auth {\n");
        s.append("            default = -1\n");
        s.append("        }\n");
        s.append("    }\n");
        s.append("}\n");
        s.append("swanctl {\n");
        s.append("    load = ").append(String.join(" ", SWANCTL_PLUGINS)).append('\n');
        s.append("}\n");
        return s.toString();
    }
}
