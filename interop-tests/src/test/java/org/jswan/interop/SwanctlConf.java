package org.jswan.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A swanctl.conf built in Java: IKEv1 connections with their children, PSK secrets, and raw RSA
 * public/private keys (written next to it as {@code pubkey/NAME} and {@code private/NAME}).
 *
 * <pre>
 * new SwanctlConf()
 *     .add(SwanctlConf.conn("net").local("192.0.2.2", "192.0.2.2").remote("192.0.2.1", "192.0.2.1")
 *         .psk().proposals("aes128-sha1-modp2048")
 *         .child(SwanctlConf.child("net").localTs("203.0.113.0/24").remoteTs("198.51.100.0/24")
 *             .esp("aes128-sha1")))
 *     .psk("secret", "192.0.2.1", "192.0.2.2");
 * </pre>
 */
final class SwanctlConf {
    enum Mode { TUNNEL, TRANSPORT }

    /** What charon does with a child when the config is loaded. */
    enum StartAction { NONE, TRAP, START }

    private final List<Conn> conns = new ArrayList<>();
    private final List<String[]> secrets = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();

    SwanctlConf add(Conn c) {
        conns.add(c);
        return this;
    }

    /** An IKE pre-shared key for the pair of IDs. */
    SwanctlConf psk(String secret, String id1, String id2) {
        if (secret.contains("\"")) {
            throw new IllegalArgumentException("no quotes in test secrets");
        }
        secrets.add(new String[] {secret, id1, id2});
        return this;
    }

    /** A public key file ({@code pubkey/NAME}, PEM) a connection's {@code pubkeys} can name. */
    SwanctlConf publicKey(String name, String pem) {
        files.put("pubkey/" + name, pem);
        return this;
    }

    /** A private key file ({@code private/NAME}, PEM PKCS#8) loaded by {@code swanctl --load-all}. */
    SwanctlConf privateKey(String name, String pem) {
        files.put("private/" + name, pem);
        return this;
    }

    /** PEM text for DER bytes: {@code pem("PUBLIC KEY", spki)}, {@code pem("PRIVATE KEY", pkcs8)}. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The key files, by path relative to the swanctl directory. */
    Map<String, String> files() {
        return Map.copyOf(files);
    }

    List<Conn> connections() {
        return List.copyOf(conns);
    }

    static Conn conn(String name) {
        return new Conn(name);
    }

    static Child child(String name) {
        return new Child(name);
    }

    String render() {
        StringBuilder s = new StringBuilder("# written by org.jswan.interop.SwanctlConf\nconnections {\n");
        for (Conn c : conns) {
            c.render(s);
        }
        s.append("}\n\nsecrets {\n");
        int i = 0;
        for (String[] sec : secrets) {
            i++;
            s.append("    ike-").append(i).append(" {\n");
            s.append("        id-1 = ").append(sec[1]).append('\n');
            s.append("        id-2 = ").append(sec[2]).append('\n');
            s.append("        secret = \"").append(sec[0]).append("\"\n");
            s.append("    }\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static String seconds(Duration d) {
        return d.isZero() ? "0" : d.toSeconds() + "s";
    }

    /** One IKEv1 Main Mode connection. */
    static final class Conn {
        private final String name;
        private String localAddrs = Testbed.RIGHT_IP;
        private String remoteAddrs = Testbed.LEFT_IP;
        private String localId = Testbed.RIGHT_IP;
        private String remoteId = Testbed.LEFT_IP;
        private String auth = "psk";
        private String localPubkey;
        private String remotePubkey;
        private List<String> proposals = List.of("aes128-sha1-modp2048");
        private Duration rekeyTime = Duration.ofHours(4);
        private Duration overTime;
        private Duration randTime;
        private Duration dpdDelay = Duration.ZERO;
        private final List<Child> children = new ArrayList<>();

        private Conn(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        List<Child> children() {
            return List.copyOf(children);
        }

        /** Our address and ID (an IP address becomes ID_IPV4_ADDR). Default 192.0.2.2. */
        Conn local(String addr, String id) {
            this.localAddrs = addr;
            this.localId = id;
            return this;
        }

        /** The peer's address (or %any) and ID. Default 192.0.2.1. */
        Conn remote(String addr, String id) {
            this.remoteAddrs = addr;
            this.remoteId = id;
            return this;
        }

        /** Authenticate both ends with the pre-shared key for the two IDs (the default). */
        Conn psk() {
            this.auth = "psk";
            return this;
        }

        /** Authenticate with RSA signatures and raw public keys (files added with publicKey()). */
        Conn pubkey(String localPubkeyFile, String remotePubkeyFile) {
            this.auth = "pubkey";
            this.localPubkey = localPubkeyFile;
            this.remotePubkey = remotePubkeyFile;
            return this;
        }

        /**
         * The IKE (Phase 1) proposals, each one ISAKMP transform, in order. charon's default
         * list has no 3DES, MD5 or MODP1024, so the tests always list them.
         */
        Conn proposals(String... p) {
            this.proposals = List.of(p);
            return this;
        }

        /**
         * IKEv1: when it reauthenticates (default 4 h); it proposes 110 % of it as the ISAKMP SA
         * lifetime. The tests last seconds, so it never fires.
         */
        Conn rekeyTime(Duration d) {
            this.rekeyTime = d;
            return this;
        }

        /**
         * IKEv1 reauthentication on a short lifetime: a new Main Mode every {@code every} (exactly:
         * rand_time 0), the ISAKMP SA lifetime proposed {@code every + over} (charon's over_time, the
         * hard end after the reauth; default 10 %).
         */
        Conn reauthEvery(Duration every, Duration over) {
            this.rekeyTime = every;
            this.overTime = over;
            this.randTime = Duration.ZERO;
            return this;
        }

        /** Dead Peer Detection interval; 0 = off. */
        Conn dpd(Duration delay) {
            this.dpdDelay = delay;
            return this;
        }

        Conn child(Child c) {
            children.add(c);
            return this;
        }

        private void render(StringBuilder s) {
            s.append("    ").append(name).append(" {\n");
            s.append("        version = 1                 # IKEv1\n");
            s.append("        aggressive = no             # Main Mode\n");
            s.append("        local_addrs = ").append(localAddrs).append('\n');
            s.append("        remote_addrs = ").append(remoteAddrs).append('\n');
            s.append("        proposals = ").append(String.join(", ", proposals)).append('\n');
            s.append("        rekey_time = ").append(seconds(rekeyTime)).append('\n');
            if (overTime != null) {
                s.append("        over_time = ").append(seconds(overTime)).append('\n');
            }
            if (randTime != null) {
                s.append("        rand_time = ").append(seconds(randTime)).append('\n');
            }
            s.append("        dpd_delay = ").append(seconds(dpdDelay)).append('\n');
            s.append("        unique = no\n");
            if (auth.equals("pubkey")) {
                s.append("        send_cert = never\n");
                s.append("        send_certreq = no\n");
            }
            end(s, "local", localId, localPubkey);
            end(s, "remote", remoteId, remotePubkey);
            s.append("        children {\n");
            for (Child c : children) {
                c.render(s);
            }
            s.append("        }\n");
            s.append("    }\n");
        }

        private void end(StringBuilder s, String which, String id, String pubkey) {
            s.append("        ").append(which).append(" {\n");
            s.append("            auth = ").append(auth).append('\n');
            s.append("            id = ").append(id).append('\n');
            if (pubkey != null) {
                s.append("            pubkeys = ").append(pubkey).append('\n');
            }
            s.append("        }\n");
        }
    }

    /** One CHILD_SA (Quick Mode) configuration. */
    static final class Child {
        private final String name;
        private Mode mode = Mode.TUNNEL;
        private String localTs = Testbed.RIGHT_NET;
        private String remoteTs = Testbed.LEFT_NET;
        private List<String> esp = List.of("aes128-sha1");
        private StartAction startAction = StartAction.NONE;
        private Duration rekeyTime = Duration.ofHours(1);

        private Child(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        Child mode(Mode m) {
            this.mode = m;
            return this;
        }

        Child localTs(String ts) {
            this.localTs = ts;
            return this;
        }

        Child remoteTs(String ts) {
            this.remoteTs = ts;
            return this;
        }

        /** ESP proposals; one with a DH group ("aes128-sha1-modp2048") means PFS in Quick Mode. */
        Child esp(String... p) {
            this.esp = List.of(p);
            return this;
        }

        Child startAction(StartAction a) {
            this.startAction = a;
            return this;
        }

        /** When charon starts a new Quick Mode (default 1 h, proposing 110 % as the lifetime). */
        Child rekeyTime(Duration d) {
            this.rekeyTime = d;
            return this;
        }

        private void render(StringBuilder s) {
            s.append("            ").append(name).append(" {\n");
            s.append("                mode = ").append(mode.name().toLowerCase(java.util.Locale.ROOT)).append('\n');
            s.append("                local_ts = ").append(localTs).append('\n');
            s.append("                remote_ts = ").append(remoteTs).append('\n');
            s.append("                esp_proposals = ").append(String.join(", ", esp)).append('\n');
            s.append("                rekey_time = ").append(seconds(rekeyTime)).append('\n');
            s.append("                start_action = ").append(startAction.name().toLowerCase(java.util.Locale.ROOT))
                    .append('\n');
            s.append("                close_action = none\n");
            s.append("                dpd_action = clear\n");
            s.append("            }\n");
        }
    }
}
