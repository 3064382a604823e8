package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strongswan.conf, swanctl.conf and whack command lines the harness writes. */
class ConfigWritersTest {
    @Test
    void strongswan_conf_loads_kernel_libipsec_before_kernel_netlink() {
        String conf = new StrongswanConf().log("ike", 4).retransmit("1.0", "1.5", 2)
                .render(Path.of("/tmp/x/b.vici"), Path.of("/tmp/x/charon.log"));
        String load = conf.lines().filter(l -> l.trim().startsWith("load = random")).findFirst().orElseThrow();

        assertTrue(load.indexOf("kernel-libipsec") < load.indexOf("kernel-netlink"), load);
        assertTrue(load.contains(" openssl "), "3DES comes from openssl: " + load);
        assertTrue(conf.contains("socket = unix:///tmp/x/b.vici"));
        assertTrue(conf.contains("path = /tmp/x/charon.log"));
        assertTrue(conf.contains("            ike = 4\n"));
        assertTrue(conf.contains("retransmit_tries = 2\n"));
        assertTrue(conf.contains("fwmark = " + StrongswanConf.FWMARK));
        assertTrue(conf.contains("fwmark = !" + StrongswanConf.FWMARK));
        assertEquals(4, new StrongswanConf().log("ike", 4).level("ike"));
        assertEquals(1, new StrongswanConf().level("chd"), "unlisted groups follow default");
    }

    @Test
    void swanctl_conf_has_the_connection_child_and_secret() {
        SwanctlConf c = new SwanctlConf()
                .add(SwanctlConf.conn("jswan").proposals("3des-md5-modp1024", "aes128-sha1-modp2048")
                        .rekeyTime(Duration.ZERO)
                        .child(SwanctlConf.child("net").esp("3des-md5-modp1024").startAction(SwanctlConf.StartAction.TRAP)))
                .psk("s3cret", "192.0.2.1", "192.0.2.2");
        String text = c.render();

        assertTrue(text.contains("    jswan {\n        version = 1 "), text);
        assertTrue(text.contains("local_addrs = 192.0.2.2\n"));
        assertTrue(text.contains("remote_addrs = 192.0.2.1\n"));
        assertTrue(text.contains("proposals = 3des-md5-modp1024, aes128-sha1-modp2048\n"));
        assertTrue(text.contains("rekey_time = 0\n"));
        assertTrue(text.contains("local_ts = 203.0.113.0/24\n"));
        assertTrue(text.contains("remote_ts = 198.51.100.0/24\n"));
        assertTrue(text.contains("esp_proposals = 3des-md5-modp1024\n"));
        assertTrue(text.contains("start_action = trap\n"));
        assertTrue(text.contains("rekey_time = 3600s\n"), "child default 1 h");
        assertTrue(text.contains("secret = \"s3cret\"\n"));
        assertTrue(text.contains("auth = psk\n"));
    }

    @Test
    void swanctl_conf_pubkey_auth_names_the_key_files() {
        SwanctlConf c = new SwanctlConf()
                .add(SwanctlConf.conn("rsa").pubkey("right.pub.pem", "left.pub.pem").child(SwanctlConf.child("net")))
                .publicKey("right.pub.pem", "PEM1").publicKey("left.pub.pem", "PEM2").privateKey("right.key.pem", "K");
        String text = c.render();

        assertTrue(text.contains("auth = pubkey\n"));
        assertTrue(text.contains("pubkeys = right.pub.pem\n"));
        assertTrue(text.contains("pubkeys = left.pub.pem\n"));
        assertTrue(text.contains("send_cert = never\n"));
        assertEquals("K", c.files().get("private/right.key.pem"));
        assertEquals(3, c.files().size());
    }

    @Test
    void whack_connection_forms() {
        assertEquals(List.of("--name", "x", "--host", "192.0.2.1", "--client", "198.51.100.0/24", "--to", "--host",
                "192.0.2.2", "--client", "203.0.113.0/24", "--psk", "--encrypt", "--pfs", "--ike",
                "aes128-sha1-modp2048", "--esp", "aes128-sha1"),
                WhackConn.subnets("x").pfs(true).ike("aes128-sha1-modp2048").esp("aes128-sha1").args());
        assertEquals(List.of("--name", "h", "--host", "192.0.2.1", "--to", "--host", "192.0.2.2", "--psk", "--encrypt",
                "--tunnel", "--keyingtries", "1"), WhackConn.hosts("h").keyingTries(1).args());
    }
}
