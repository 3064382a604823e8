package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Proves the harness itself, with charon on both sides (no jswan): if these fail, the jswan
 * scenarios cannot mean anything. Two charons in the two namespaces negotiate IKEv1 Main Mode and
 * Quick Mode with a PSK; both report the IKE SA ESTABLISHED and the CHILD_SA INSTALLED as
 * TUNNEL-in-UDP (kernel-libipsec's faked NAT); a ping between the client addresses goes through
 * the tunnel (charon's packet counters grow); tshark decodes the capture, decrypted with the keys
 * from charon's ike=4 log, without a malformed packet or expert warning.
 */
@Interop(jswan = false)
class CharonSelfTestIT implements InteropExtension.Diagnosable {
    static final String PSK = "jswan interop self-test psk";
    private static Path dir;
    private static Testbed bed;
    private static Charon left;
    private static Charon right;

    private Path pcap;
    private Tshark.Capture capture;
    private long leftMark;
    private long rightMark;

    @BeforeAll
    static void up() {
        dir = Artifacts.forClass(CharonSelfTestIT.class);
        bed = Testbed.create();
        StrongswanConf settings = new StrongswanConf().log("ike", 4);
        right = Charon.start(bed.right(), dir.resolve("charon-right"), bed.shortDir(), settings, conf(false));
        left = Charon.start(bed.left(), dir.resolve("charon-left"), bed.shortDir(), settings, conf(true));
    }

    @AfterAll
    static void down() {
        try {
            if (left != null) {
                left.close();
            }
            if (right != null) {
                right.close();
            }
        } finally {
            if (bed != null) {
                bed.close();
            }
        }
    }

    /**
     * Mirrored on both sides: "psk" accepts all the suites used here (charon as responder picks
     * its IKE config by address and its child by traffic selectors alone, then needs the offer
     * among that one's proposals), with children "net" (subnets) and "host" (host to host). For
     * initiating only: left's "pfs" (AES256-SHA256-MODP2048, ESP with PFS MODP2048) and right's
     * "legacy" (3DES-MD5-MODP1024, ESP 3DES-MD5).
     */
    static SwanctlConf conf(boolean isLeft) {
        String me = isLeft ? Testbed.LEFT_IP : Testbed.RIGHT_IP;
        String peer = isLeft ? Testbed.RIGHT_IP : Testbed.LEFT_IP;
        String myNet = isLeft ? Testbed.LEFT_NET : Testbed.RIGHT_NET;
        String peerNet = isLeft ? Testbed.RIGHT_NET : Testbed.LEFT_NET;
        SwanctlConf c = new SwanctlConf()
                .add(SwanctlConf.conn("psk").local(me, me).remote(peer, peer).psk()
                        .proposals("aes128-sha1-modp2048", "aes256-sha256-modp2048", "3des-md5-modp1024")
                        // an offer mixing PFS and no PFS makes charon send KE for all: only the
                        // responder (right) lists the PFS suite for left's "pfs" connection
                        .child(SwanctlConf.child("net").localTs(myNet).remoteTs(peerNet).esp(isLeft
                                ? new String[] {"aes128-sha1", "3des-md5"}
                                : new String[] {"aes128-sha1", "3des-md5", "aes256-sha256-modp2048"}))
                        .child(SwanctlConf.child("host").localTs(me + "/32").remoteTs(peer + "/32")
                                .esp("aes128-sha1")));
        if (isLeft) {
            c.add(SwanctlConf.conn("pfs").local(me, me).remote(peer, peer).psk().proposals("aes256-sha256-modp2048")
                    .child(SwanctlConf.child("net-pfs").localTs(myNet).remoteTs(peerNet)
                            .esp("aes256-sha256-modp2048")));
        } else {
            c.add(SwanctlConf.conn("legacy").local(me, me).remote(peer, peer).psk().proposals("3des-md5-modp1024")
                    .child(SwanctlConf.child("legacy").localTs(myNet).remoteTs(peerNet).esp("3des-md5")));
        }
        return c.psk(PSK, Testbed.LEFT_IP, Testbed.RIGHT_IP);
    }

    @BeforeEach
    void startCapture(TestInfo info) {
        leftMark = left.log().mark();
        rightMark = right.log().mark();
        pcap = dir.resolve(Artifacts.safe(info.getDisplayName()) + ".pcapng");
        capture = Tshark.start(bed.left(), bed.leftInterface(), Duration.ofSeconds(120), pcap);
    }

    @AfterEach
    void cleanUp() {
        capture.stop();
        left.terminateAll();
        right.terminateAll();
        assertTrue(left.awaitNoSas(Duration.ofSeconds(10)) && right.awaitNoSas(Duration.ofSeconds(10)),
                "SAs left over after terminate");
    }

    @Test
    void psk_subnet_tunnel_is_established_on_both_sides_and_carries_a_ping() {
        left.initiate("net", "psk", Duration.ofSeconds(20)).requireOk();

        SwanctlSas.ChildSa l = requireUp(left, "psk", "net");
        SwanctlSas.ChildSa r = requireUp(right, "psk", "net");
        assertEquals(l.spiOut(), r.spiIn(), "left's outbound SPI is right's inbound SPI");
        assertEquals(l.spiIn(), r.spiOut(), "left's inbound SPI is right's outbound SPI");
        assertEquals(List.of(Testbed.LEFT_NET), l.localTs());
        assertEquals(List.of(Testbed.RIGHT_NET), l.remoteTs());
        // responder's choice among the offered ones: the first of its own list
        assertTrue(Proposals.Esp.AES128_SHA1.matches(l), l.proposal());
        assertTrue(Proposals.Ike.AES128_SHA1_MODP2048.matches(left.ikeSa("psk").orElseThrow()));

        requirePingThroughTunnel(left, "psk", "net", Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        requireCleanCapture(true);
    }

    @Test
    void psk_subnet_tunnel_with_pfs_and_aes256_sha256() {
        left.initiate("net-pfs", "pfs", Duration.ofSeconds(20)).requireOk();

        SwanctlSas.IkeSa ike = left.ikeSa("pfs").orElseThrow();
        assertTrue(Proposals.Ike.AES256_SHA256_MODP2048.matches(ike), ike.proposal());
        SwanctlSas.ChildSa l = requireUp(left, "pfs", "net-pfs");
        requireUp(right, "psk", "net"); // the responder's names: its config chosen by addresses and TS
        assertTrue(Proposals.Esp.AES256_SHA256.matches(l), l.proposal());
        assertEquals("MODP_2048", l.dhGroup(), "PFS group: " + l.proposal());
        requirePingThroughTunnel(left, "pfs", "net-pfs", Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        requireCleanCapture(true);
    }

    @Test
    void psk_host_to_host_tunnel_carries_a_ping_between_the_gateways() {
        left.initiate("host", "psk", Duration.ofSeconds(20)).requireOk();

        requireUp(left, "psk", "host");
        requireUp(right, "psk", "host");
        requirePingThroughTunnel(left, "psk", "host", Testbed.LEFT_IP, Testbed.RIGHT_IP);
        requireCleanCapture(true);
    }

    @Test
    void right_initiates_with_the_legacy_suites_3des_md5_modp1024() {
        right.initiate("legacy", "legacy", Duration.ofSeconds(20)).requireOk();

        SwanctlSas.IkeSa ike = right.ikeSa("legacy").orElseThrow();
        assertTrue(Proposals.Ike.TDES_MD5_MODP1024.matches(ike), ike.proposal());
        SwanctlSas.ChildSa l = requireUp(left, "psk", "net");
        requireUp(right, "legacy", "legacy");
        assertTrue(Proposals.Esp.TDES_MD5.matches(l), l.proposal());
        requirePingThroughTunnel(right, "legacy", "legacy", Testbed.RIGHT_CLIENT, Testbed.LEFT_CLIENT);
        requireCleanCapture(true);
    }

    @Test
    void rsa_signatures_with_raw_public_keys() throws Exception {
        java.security.SecureRandom seeded = java.security.SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(0x4a53L);
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, seeded);
        java.security.KeyPair l = g.generateKeyPair();
        java.security.KeyPair r = g.generateKeyPair();
        try {
            left.load(rsaConf(true, l, r));
            right.load(rsaConf(false, r, l));

            left.initiate("net", "rsa", Duration.ofSeconds(20)).requireOk();

            requireUp(left, "rsa", "net");
            requireUp(right, "rsa", "net");
            assertTrue(!left.log().grep(leftMark, "authentication of '192.0.2.2' with RSA_EMSA_PKCS1_NULL successful")
                    .isEmpty(), "RSA signature authentication in charon's log");
            requirePingThroughTunnel(left, "rsa", "net", Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
            requireCleanCapture(true);
        } finally {
            left.terminateAll();
            right.terminateAll();
            left.load(conf(true));
            right.load(conf(false));
        }
    }

    /** One connection "rsa": Main Mode with RSA signatures (auth method 3), raw public keys, no certs. */
    static SwanctlConf rsaConf(boolean isLeft, java.security.KeyPair mine, java.security.KeyPair peers) {
        String me = isLeft ? Testbed.LEFT_IP : Testbed.RIGHT_IP;
        String peer = isLeft ? Testbed.RIGHT_IP : Testbed.LEFT_IP;
        return new SwanctlConf()
                .add(SwanctlConf.conn("rsa").local(me, me).remote(peer, peer).pubkey("mine.pub.pem", "peer.pub.pem")
                        .proposals("aes128-sha1-modp2048")
                        .child(SwanctlConf.child("net").localTs(isLeft ? Testbed.LEFT_NET : Testbed.RIGHT_NET)
                                .remoteTs(isLeft ? Testbed.RIGHT_NET : Testbed.LEFT_NET).esp("aes128-sha1")))
                .publicKey("mine.pub.pem", SwanctlConf.pem("PUBLIC KEY", mine.getPublic().getEncoded()))
                .publicKey("peer.pub.pem", SwanctlConf.pem("PUBLIC KEY", peers.getPublic().getEncoded()))
                .privateKey("mine.key.pem", SwanctlConf.pem("PRIVATE KEY", mine.getPrivate().getEncoded()));
    }

    static SwanctlSas.ChildSa requireUp(Charon c, String ike, String child) {
        SwanctlSas.IkeSa sa = c.ikeSa(ike).orElseThrow(() -> new AssertionError(c + " has no IKE SA " + ike + ":\n"
                + c.listSasText()));
        assertTrue(sa.established(), c + ": IKE SA " + ike + " is " + sa.state());
        assertEquals("4500", sa.localPort(), "IKE floated to 4500 (NAT-T, faked by kernel-libipsec)");
        SwanctlSas.ChildSa ch = sa.child(child).orElseThrow(() -> new AssertionError(c + " has no CHILD_SA " + child
                + ":\n" + c.listSasText()));
        assertTrue(ch.installed(), c + ": CHILD_SA " + child + " is " + ch.state());
        assertEquals("TUNNEL-in-UDP", ch.modeLabel(), c + ": CHILD_SA " + child);
        return ch;
    }

    /** Three pings from src to dst inside c's namespace; c's inbound packet counter must grow by ≥ 3. */
    static void requirePingThroughTunnel(Charon c, String ike, String child, String src, String dst) {
        long before = packetsIn(c, ike, child);
        c.netns().exec(Duration.ofSeconds(15), "ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", src, dst)
                .requireOk();
        long after = packetsIn(c, ike, child);
        assertTrue(after >= before + 3, "ESP packets in on " + child + ": " + before + " -> " + after
                + " (the ping did not go through the tunnel)");
    }

    private static long packetsIn(Charon c, String ike, String child) {
        return Long.parseLong(c.ikeSa(ike).orElseThrow().child(child).orElseThrow().raw().get("packets-in"));
    }

    /** Stops the capture; every frame decodes cleanly, Main Mode and Quick Mode are decrypted. */
    private void requireCleanCapture(boolean esp) {
        capture.stop();
        List<String> kas = new ArrayList<>(left.ikeEncryptionKeys(leftMark));
        kas.addAll(right.ikeEncryptionKeys(rightMark));
        List<Tshark.Key> keys = Tshark.decryptionKeys(pcap, kas);
        assertEquals(1, keys.size(), "one ISAKMP SA, decrypted with charon's Ka (" + kas.size() + " keys logged)");
        Tshark.Report report = Tshark.check(pcap, null, keys).assertClean();
        assertTrue(report.frames() >= 9, "MM (6) + QM (3) at least, saw " + report.frames());
        List<String> exchanges = new ArrayList<>();
        for (List<String> row : Tshark.fields(pcap, "isakmp", keys, "isakmp.exchangetype", "isakmp.typepayload")) {
            exchanges.add(row.get(0) + ":" + row.get(1));
        }
        assertTrue(exchanges.stream().anyMatch(e -> e.startsWith("32:8,1")),
                "Quick Mode decrypted (HASH, SA ...): " + exchanges);
        if (esp) {
            assertTrue(!Tshark.fields(pcap, "esp", List.of(), "esp.spi").isEmpty(), "ESP-in-UDP seen");
        }
    }

    @Override
    public String diagnostics() {
        return left.diagnostics(leftMark) + "\n" + right.diagnostics(rightMark) + "\ncapture: " + pcap;
    }
}
