package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every jswan ↔ charon scenario class shares: one testbed, one jswan pluto on the left
 * (192.0.2.1) and one charon on the right (192.0.2.2) per class, and per test
 *
 * <ul>
 *   <li>before: a fresh jswan connection name, log marks, a capture on the left veth;
 *   <li>the test loads charon's config for its scenario ({@link #loadCharon}), adds its jswan
 *       connection ({@link #addJswan}), negotiates and checks;
 *   <li>after, pass or fail: charon's SAs terminated, the jswan connection deleted, both sides
 *       checked empty, and tshark's decode of every packet jswan sent (decrypted with the Ka from
 *       charon's ike=4 log) checked for "Malformed" and expert errors/warnings.
 * </ul>
 *
 * charon's configuration is always one connection "jswan" (so its SAs are named "jswan") with
 * one child, "net" (subnets) or "host" (host to host). Pass, as issue 3 defines it: charon's
 * IKE SA ESTABLISHED and CHILD_SA INSTALLED as TUNNEL-in-UDP, jswan's STATE_QUICK_I2 (initiator)
 * or STATE_QUICK_R2 (responder) with the same ESP SPIs.
 */
abstract class JswanScenarios implements InteropExtension.Diagnosable {
    static final String PSK = "jswan interop psk, documentation only";
    static final String CHARON_IKE = "jswan";
    static final Duration NEGOTIATION = Duration.ofSeconds(30);
    /**
     * What jswan sent: from 192.0.2.1, but not an ICMP error from the right side that quotes a
     * packet of jswan's (tshark decodes the quoted IP header too, so ip.src would match it).
     */
    static final String JSWAN_SENT = "ip.src == " + Testbed.LEFT_IP + " && !icmp";
    static final StrongswanConf CHARON_SETTINGS = new StrongswanConf().log("ike", 4);
    /** IKE interop: --noklips, so these scenarios test the wire; KlipsCharonIT tests the datapath. */
    static final Jswan.Options JSWAN_OPTIONS = Jswan.Options.psk(PSK).with("--debug-control", "--debug-natt", "--noklips");

    static Path dir;
    static Testbed bed;
    static Jswan jswan;
    static Charon charon;
    static SwanctlConf charonConf = new SwanctlConf().psk(PSK, Testbed.LEFT_IP, Testbed.RIGHT_IP);
    private static int serial;

    /** This test's jswan connection name ("s1", "s2", ...: never reused within a run). */
    String conn;
    private final List<String> jswanConns = new ArrayList<>();
    private Path pcap;
    private Tshark.Capture capture;
    long jswanMark;
    long charonMark;

    @BeforeAll
    static void up(TestInfo info) {
        Class<?> cls = info.getTestClass().orElseThrow();
        dir = Artifacts.forClass(cls);
        charonConf = new SwanctlConf().psk(PSK, Testbed.LEFT_IP, Testbed.RIGHT_IP);
        bed = Testbed.create();
        try {
            charon = Charon.start(bed.right(), dir.resolve("charon"), bed.shortDir(), CHARON_SETTINGS, charonConf);
            jswan = Jswan.start(bed.left(), dir.resolve("jswan"), bed.shortDir(), JSWAN_OPTIONS);
        } catch (RuntimeException | AssertionError e) {
            down();
            throw e;
        }
    }

    @AfterAll
    static void down() {
        try {
            if (jswan != null) {
                jswan.close();
            }
            if (charon != null) {
                charon.close();
            }
        } finally {
            jswan = null;
            charon = null;
            if (bed != null) {
                bed.close();
                bed = null;
            }
        }
    }

    @BeforeEach
    void begin(TestInfo info) {
        capture = null;
        conn = "s" + (++serial);
        jswanMark = jswan.log().mark();
        charonMark = charon.log().mark();
        pcap = dir.resolve(conn + "-" + Artifacts.safe(info.getTestMethod().map(m -> m.getName()).orElse("test")
                + "-" + info.getDisplayName()) + ".pcapng");
        capture = Tshark.start(bed.left(), bed.leftInterface(), Duration.ofMinutes(5), pcap, captureOptions());
    }

    /** More dumpcap options for this class's captures (e.g. a filter that leaves bulk ESP out). */
    List<String> captureOptions() {
        return List.of();
    }

    @AfterEach
    void end() {
        List<String> problems = new ArrayList<>();
        if (charon.running()) {
            charon.terminateAll();
        }
        for (String c : jswanConns) {
            jswan.whack("--delete", "--name", c);
        }
        if (charon.running() && !charon.awaitNoSas(Duration.ofSeconds(10))) {
            problems.add("charon still has SAs after terminate:\n" + charon.listSasText());
        }
        if (!Wait.until(Duration.ofSeconds(10), () -> JswanStatus.states(jswan.status()).isEmpty())) {
            problems.add("jswan still has states after whack --delete:\n" + String.join("\n", jswan.status()));
        }
        if (capture == null) {
            throw new AssertionError(String.join("\n", problems) + "\n(no capture: the test did not start)");
        }
        capture.stop();
        Tshark.Report report = jswanSentPackets();
        if (!report.clean()) {
            try {
                report.assertClean();
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    /** tshark's verdict on every frame jswan (192.0.2.1) sent during this test. */
    Tshark.Report jswanSentPackets() {
        List<Tshark.Key> keys = Tshark.decryptionKeys(pcap, charon.ikeEncryptionKeys(charonMark));
        return Tshark.check(pcap, JSWAN_SENT, keys);
    }

    /** The capture so far (stops it; the @AfterEach check still runs on the file). */
    Path stopCapture() {
        capture.stop();
        return pcap;
    }

    /** Decryption keys for this test's capture (after {@link #stopCapture}). */
    List<Tshark.Key> keys() {
        return Tshark.decryptionKeys(pcap, charon.ikeEncryptionKeys(charonMark));
    }

    // --- configuration ----------------------------------------------------------------------

    /** charon's connection "jswan" for this scenario: 192.0.2.2 (ID its address) to 192.0.2.1. */
    static SwanctlConf.Conn charonConn(String... ikeProposals) {
        return SwanctlConf.conn(CHARON_IKE).local(Testbed.RIGHT_IP, Testbed.RIGHT_IP)
                .remote(Testbed.LEFT_IP, Testbed.LEFT_IP).psk().proposals(ikeProposals);
    }

    /** Child "net": 203.0.113.0/24 (charon) to 198.51.100.0/24 (jswan). */
    static SwanctlConf.Child subnetChild(String... esp) {
        return SwanctlConf.child("net").localTs(Testbed.RIGHT_NET).remoteTs(Testbed.LEFT_NET).esp(esp);
    }

    /** Child "host": 192.0.2.2/32 to 192.0.2.1/32, tunnel mode. */
    static SwanctlConf.Child hostChild(String... esp) {
        return SwanctlConf.child("host").localTs(Testbed.RIGHT_IP + "/32").remoteTs(Testbed.LEFT_IP + "/32").esp(esp);
    }

    /** Replaces charon's configuration with {@code c} and the PSK {@code psk}. */
    static void loadCharon(SwanctlConf.Conn c, String psk) {
        charonConf = new SwanctlConf().add(c).psk(psk, Testbed.LEFT_IP, Testbed.RIGHT_IP);
        charon.load(charonConf);
    }

    static void loadCharon(SwanctlConf.Conn c) {
        loadCharon(c, PSK);
    }

    /** Adds this test's jswan connection (deleted again after the test). */
    void addJswan(WhackConn c) {
        jswanConns.add(c.name());
        jswan.add(c);
    }

    WhackConn subnets() {
        return WhackConn.subnets(conn);
    }

    WhackConn hosts() {
        return WhackConn.hosts(conn);
    }

    // --- checks ------------------------------------------------------------------------------

    /** charon: IKE SA "jswan" ESTABLISHED, its CHILD_SA {@code child} INSTALLED, TUNNEL-in-UDP. */
    static SwanctlSas.IkeSa requireCharonUp(String child) {
        Optional<SwanctlSas.IkeSa> sa = Wait.poll(Duration.ofSeconds(10), () -> charon.ikeSa(CHARON_IKE)
                .filter(s -> s.established() && s.child(child).map(SwanctlSas.ChildSa::installed).orElse(false)));
        if (sa.isEmpty()) {
            throw new AssertionError("charon: no ESTABLISHED IKE SA with an INSTALLED CHILD_SA " + child + ":\n"
                    + charon.listSasText());
        }
        SwanctlSas.ChildSa c = sa.get().child(child).orElseThrow();
        assertEquals("TUNNEL-in-UDP", c.modeLabel(), "charon's CHILD_SA " + child + " mode");
        assertEquals("4500", sa.get().remotePort(), "charon talks to jswan on its NAT-T port");
        return sa.get();
    }

    /** jswan: an IPsec SA of this test's connection in {@code state} (waits ≤ 10 s: R2 follows QI2). */
    JswanStatus.IpsecSa requireJswanUp(String state) {
        Optional<JswanStatus.IpsecSa> sa = Wait.poll(Duration.ofSeconds(10), () -> jswan.ipsecSas().stream()
                .filter(s -> s.connection().equals(conn) && s.kind().equals(state)).findFirst());
        return sa.orElseThrow(() -> new AssertionError("jswan: no IPsec SA of \"" + conn + "\" in " + state + ":\n"
                + String.join("\n", jswan.status())));
    }

    /** Both sides established, with matching SPIs; returns charon's IKE SA for algorithm checks. */
    SwanctlSas.IkeSa requireEstablished(String child, String jswanState) {
        SwanctlSas.IkeSa ike = requireCharonUp(child);
        SwanctlSas.ChildSa c = ike.child(child).orElseThrow();
        JswanStatus.IpsecSa j = requireJswanUp(jswanState);
        assertEquals(Long.toHexString(c.spiIn()), Long.toHexString(j.peerSpi()),
                "jswan sends to the SPI charon receives on");
        assertEquals(Long.toHexString(c.spiOut()), Long.toHexString(j.ourSpi()),
                "charon sends to the SPI jswan receives on");
        assertEquals(Testbed.RIGHT_IP, j.peer());
        return ike;
    }

    /** jswan's whack --initiate of this test's connection; must succeed (exit 0). */
    Exec.Result jswanInitiates() {
        Exec.Result r = jswan.whack(NEGOTIATION.plusSeconds(10), "--name", conn, "--initiate");
        if (!r.ok()) {
            throw new AssertionError("jswan could not initiate \"" + conn + "\":\n" + r.describe());
        }
        return r;
    }

    /** charon's swanctl --initiate of {@code child}; must succeed. */
    static Exec.Result charonInitiates(String child) {
        Exec.Result r = charon.initiate(child, CHARON_IKE, NEGOTIATION);
        if (!r.ok()) {
            throw new AssertionError("charon could not initiate " + child + ":\n" + r.describe());
        }
        return r;
    }

    static void assertIke(Proposals.Ike expected, SwanctlSas.IkeSa sa) {
        assertTrue(expected.matches(sa), "charon's IKE SA uses " + sa.proposal() + ", expected " + expected);
    }

    static void assertEsp(Proposals.Esp expected, SwanctlSas.ChildSa c) {
        assertTrue(expected.matches(c), "charon's CHILD_SA uses " + c.proposal() + ", expected " + expected);
    }

    /** Lines of jswan's log since the test began that contain {@code text}. */
    List<String> jswanLog(String text) {
        return jswan.log().grep(jswanMark, text);
    }

    List<String> charonLog(String text) {
        return charon.log().grep(charonMark, text);
    }

    @Override
    public String diagnostics() {
        return jswan.diagnostics(jswanMark) + "\n" + charon.diagnostics(charonMark) + "\ncapture: " + pcap
                + "\nartifacts: " + dir;
    }
}
