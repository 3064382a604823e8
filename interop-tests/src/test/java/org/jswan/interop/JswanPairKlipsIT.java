package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: two jswan plutos, each with its userspace KLIPS, in two namespaces. Pings and a 3 s
 * iperf3 run between the client subnets pass over raw ESP (IP protocol 50) and over
 * UDP-encapsulated ESP ({@code --forceencaps}), and host to host in transport mode; each run
 * must exceed a modest floor, show up on the veth as ESP only (never as plain TCP to iperf3's
 * port), and move both {@code ipsec0} counters. A {@code --route}d connection is brought up by
 * the traffic itself (TRAP, ACQUIRE) and {@code --unroute} is refused while its SA is up.
 */
@Interop(jswan = true)
class JswanPairKlipsIT {
    static final String PSK = "jswan pair, documentation only";
    static final Duration PING = Duration.ofSeconds(30);
    static final Duration WAIT = Duration.ofSeconds(40);
    /** iperf3's run length, and the throughput a working tunnel beats even on a slow, shared CI box. */
    static final int IPERF_SECONDS = 3;
    static final double FLOOR_MBITS = 5;
    /** At the floor, 3 s of 1400-byte packets are over 1300 ESP packets; fewer means it did not go through ESP. */
    static final int MIN_ESP_FRAMES = 1000;
    static final String RAW_ESP = "esp && !udp";
    static final String ESP_IN_UDP = "esp && udp.port == 4500";

    static JswanPair pair;
    static Testbed bed;
    static Jswan west;
    static Jswan east;
    static Path dir;
    private static int serial;
    private String conn;

    @BeforeAll
    static void up() {
        pair = JswanPair.start(JswanPairKlipsIT.class, PSK);
        bed = pair.bed();
        west = pair.west();
        east = pair.east();
        dir = pair.dir();
    }

    @AfterAll
    static void down() {
        if (pair != null) {
            pair.close();
            pair = null;
        }
    }

    @AfterEach
    void clean() {
        if (conn != null) {
            west.whack("--name", conn, "--delete");
            east.whack("--name", conn, "--delete");
        }
    }

    private WhackConn connection(String... extra) {
        return add(WhackConn.subnets(nextConn()).with(extra));
    }

    /** This test's connection name ("k1", "k2", ...), deleted on both sides after the test. */
    private String nextConn() {
        conn = "k" + (++serial);
        return conn;
    }

    private WhackConn add(WhackConn c) {
        c.ike("aes128-sha1-modp2048").esp("aes128-sha1");
        west.add(c);
        east.add(c);
        return c;
    }

    private static void ping() {
        ping(Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
    }

    private static void ping(String src, String dst) {
        Exec.Result r = bed.left().exec(PING, "ping", "-c", "3", "-W", "3", "-I", src, dst);
        assertTrue(r.ok(), "ping through the jswan tunnel:\n" + r.describe());
    }

    private Tshark.Capture capture(String what) {
        return Tshark.start(bed.left(), bed.leftInterface(), Duration.ofSeconds(90),
                dir.resolve(conn + "-" + what + ".pcapng"), List.of("-s", "96"));
    }

    /**
     * A 3 s iperf3 run from west's {@code src} to east's {@code dst}, captured on west's veth:
     * faster than the floor; at least {@link #MIN_ESP_FRAMES} frames from west matching
     * {@code espFilter} and not one TCP segment to or from port 5201 in the clear; west's
     * {@code ipsec0} took in (tx) and east's gave out (rx) at least the bytes iperf3 counted.
     */
    private void iperf(String src, String dst, String espFilter) {
        Netns.LinkStats westBefore = bed.left().linkStats("ipsec0");
        Netns.LinkStats eastBefore = bed.right().linkStats("ipsec0");
        Iperf.Result r;
        Path pcap;
        try (Tshark.Capture c = capture("iperf3")) {
            r = Iperf.measure(bed.left(), src, bed.right(), dst, IPERF_SECONDS, dir.resolve(conn + "-iperf3.log"));
            pcap = c.stop();
        }
        Netns.LinkStats westDelta = bed.left().linkStats("ipsec0").minus(westBefore);
        Netns.LinkStats eastDelta = bed.right().linkStats("ipsec0").minus(eastBefore);
        int esp = Tshark.count(pcap, "ip.src == " + Testbed.LEFT_IP + " && " + espFilter);
        int plain = Tshark.count(pcap, "tcp.port == " + Iperf.PORT);
        String figures = conn + ": iperf3 " + src + " -> " + dst + ": " + r + "; " + esp + " ESP frames (" + espFilter
                + ") and " + plain + " plain TCP frames on the veth; west ipsec0 " + westDelta + ", east ipsec0 "
                + eastDelta;
        System.out.println(figures);
        assertTrue(r.mbits() > FLOOR_MBITS, "throughput above " + FLOOR_MBITS + " Mbit/s: " + figures);
        assertEquals(0, plain, "no iperf3 TCP in the clear on the veth: " + figures);
        assertTrue(esp >= MIN_ESP_FRAMES, "the stream went out as ESP: " + figures);
        assertTrue(westDelta.txBytes() >= r.bytes(), "west's stack sent the stream into ipsec0: " + figures);
        assertTrue(eastDelta.rxBytes() >= r.bytes(), "east's ipsec0 delivered the stream: " + figures);
    }

    private static boolean established(Jswan j, String state) {
        return j.status().stream().anyMatch(l -> l.contains(state));
    }

    @Test
    void a_ping_passes_over_raw_esp() {
        connection();
        Exec.Result r = west.whack(WAIT, "--name", conn, "--initiate");
        assertEquals(0, r.exit(), r.describe());
        ping();
        assertTrue(established(east, "STATE_QUICK_R2"));
    }

    @Test
    void iperf3_passes_over_raw_esp() {
        connection();
        assertEquals(0, west.whack(WAIT, "--name", conn, "--initiate").exit());
        iperf(Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT, RAW_ESP);
    }

    @Test
    void iperf3_passes_over_udp_encapsulated_esp() {
        connection("--forceencaps");
        assertEquals(0, west.whack(WAIT, "--name", conn, "--initiate").exit());
        iperf(Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT, ESP_IN_UDP);
    }

    @Test
    void transport_mode_host_to_host_carries_a_ping_and_iperf3_as_esp() {
        add(WhackConn.transport(nextConn()));
        Exec.Result r = west.whack(WAIT, "--name", conn, "--initiate");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(west.status().stream().anyMatch(l -> l.contains("STATE_QUICK_I2")), String.join("\n", west.status()));
        Netns.LinkStats before = bed.left().linkStats("ipsec0");
        Path pcap;
        try (Tshark.Capture c = capture("ping")) {
            ping(Testbed.LEFT_IP, Testbed.RIGHT_IP);
            pcap = c.stop();
        }
        Netns.LinkStats moved = bed.left().linkStats("ipsec0").minus(before);
        int clear = Tshark.count(pcap, "icmp.type == 8 || icmp.type == 0");
        int esp = Tshark.count(pcap, RAW_ESP);
        assertEquals(0, clear, "no echo request or reply in the clear");
        assertTrue(esp >= 6, "3 requests and 3 replies as ESP: " + esp);
        assertTrue(moved.txPackets() >= 3 && moved.rxPackets() >= 3, "the pings went through ipsec0: " + moved);
        iperf(Testbed.LEFT_IP, Testbed.RIGHT_IP, RAW_ESP);
    }

    @Test
    void a_ping_passes_over_udp_encapsulated_esp() {
        connection("--forceencaps");
        Exec.Result r = west.whack(WAIT, "--name", conn, "--initiate");
        assertEquals(0, r.exit(), r.describe());
        assertTrue(west.status().stream().anyMatch(l -> l.contains(":4500 STATE_QUICK_I2")), String.join("\n", west.status()));
        ping();
    }

    @Test
    void a_routed_connection_is_started_by_traffic_and_cannot_be_unrouted_while_up() {
        connection();
        assertEquals(0, west.whack("--name", conn, "--route").exit());
        assertTrue(west.status().stream().anyMatch(l -> l.contains("prospective erouted")), String.join("\n", west.status()));
        // the first packets are held by the TRAP while pluto negotiates; later ones pass
        bed.left().exec(PING, "ping", "-c", "2", "-W", "2", "-I", Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
        assertTrue(Wait.until(WAIT, () -> established(west, "STATE_QUICK_I2")), String.join("\n", west.status()));
        ping();
        Exec.Result busy = west.whack("--name", conn, "--unroute");
        assertEquals(26, busy.exit(), busy.describe());
        List<String> log = west.log().grep(0, "initiate on demand");
        assertTrue(!log.isEmpty(), "pluto says the ACQUIRE started it");
    }
}
