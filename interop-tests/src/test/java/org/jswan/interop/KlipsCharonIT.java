package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's proof that SAs carry traffic: jswan with its userspace KLIPS (TUN ipsec0, ESP in UDP
 * through pluto's NAT-T socket, routes by the default {@code ipsec _updown}) against charon with
 * kernel-libipsec; a ping and a 3 s iperf3 run between the client subnets pass through the tunnel
 * in both initiation directions (iperf3 from the initiator's client), above a modest floor, with
 * charon's CHILD_SA and jswan's {@code ipsec0} counters covering the stream and no iperf3 TCP in
 * the clear on the veth. The captures leave ESP-in-UDP out (only IKE, keepalives and anything in
 * the clear), so the per-test tshark decode stays small.
 */
@Interop(jswan = true)
class KlipsCharonIT extends JswanScenarios {
    static final Duration PING = Duration.ofSeconds(30);
    static final int IPERF_SECONDS = 3;
    static final double FLOOR_MBITS = 5;

    /** This class runs jswan without --noklips. */
    @BeforeAll
    static void withKlips() {
        jswan.close();
        jswan = Jswan.start(bed.left(), dir.resolve("jswan-klips"), bed.shortDir(),
                Jswan.Options.psk(PSK).with("--debug-control", "--debug-klips"));
    }

    /** On port 4500, ESP has a non-zero SPI where IKE has the zero non-ESP marker (RFC 3948 §2). */
    @Override
    List<String> captureOptions() {
        return List.of("-f", "not (udp port 4500 and udp[8:4] != 0)");
    }

    private void up(boolean jswanInitiates) {
        loadCharon(charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addJswan(subnets().ike(Proposals.Ike.AES128_SHA1_MODP2048.name).esp(Proposals.Esp.AES128_SHA1.name));
        if (jswanInitiates) {
            jswanInitiates();
            requireEstablished("net", "STATE_QUICK_I2");
        } else {
            charonInitiates("net");
            requireEstablished("net", "STATE_QUICK_R2");
        }
        assertTrue(jswanLog("kernel backend \"klips\"").size() > 0 || jswan.log().grep(0, "userspace KLIPS").size() > 0,
                "pluto runs the userspace KLIPS");
    }

    private void ping(Netns from, String src, String dst) {
        Exec.Result r = from.exec(PING, "ping", "-c", "3", "-W", "3", "-I", src, dst);
        assertTrue(r.ok(), "ping through the tunnel:\n" + r.describe() + "\n" + diagnostics());
        SwanctlSas.IkeSa ike = charon.ikeSa(CHARON_IKE).orElseThrow();
        SwanctlSas.ChildSa child = ike.child("net").orElseThrow();
        long in = Long.parseLong(child.raw().getOrDefault("packets-in", "0"));
        long out = Long.parseLong(child.raw().getOrDefault("packets-out", "0"));
        assertTrue(in >= 3 && out >= 3, "charon's CHILD_SA counted the pings: in " + in + ", out " + out);
    }

    private long charonCounter(String key) {
        SwanctlSas.ChildSa child = charon.ikeSa(CHARON_IKE).orElseThrow().child("net").orElseThrow();
        return Long.parseLong(child.raw().getOrDefault(key, "0"));
    }

    /**
     * iperf3 from {@code from}'s client to the other client through the tunnel: above the floor;
     * the receiving side's counters (charon's bytes-in or jswan's ipsec0 rx) and the sending
     * side's (jswan's ipsec0 tx or charon's bytes-out) at least the stream; no plain iperf3 TCP.
     */
    private void iperf(boolean fromJswan) {
        Netns from = fromJswan ? bed.left() : bed.right();
        Netns to = fromJswan ? bed.right() : bed.left();
        String src = fromJswan ? Testbed.LEFT_CLIENT : Testbed.RIGHT_CLIENT;
        String dst = fromJswan ? Testbed.RIGHT_CLIENT : Testbed.LEFT_CLIENT;
        long charonIn = charonCounter("bytes-in");
        long charonOut = charonCounter("bytes-out");
        Netns.LinkStats before = bed.left().linkStats("ipsec0");
        Iperf.Result r = Iperf.measure(from, src, to, dst, IPERF_SECONDS, dir.resolve(conn + "-iperf3.log"));
        Netns.LinkStats jswanMoved = bed.left().linkStats("ipsec0").minus(before);
        long charonInMoved = charonCounter("bytes-in") - charonIn;
        long charonOutMoved = charonCounter("bytes-out") - charonOut;
        int plain = Tshark.count(stopCapture(), "tcp.port == " + Iperf.PORT);
        String figures = conn + ": iperf3 " + src + " -> " + dst + ": " + r + "; jswan ipsec0 " + jswanMoved
                + ", charon bytes in " + charonInMoved + " out " + charonOutMoved + ", " + plain + " plain TCP frames";
        System.out.println(figures);
        assertTrue(r.mbits() > FLOOR_MBITS, "throughput above " + FLOOR_MBITS + " Mbit/s: " + figures);
        assertTrue(plain == 0, "no iperf3 TCP in the clear on the veth: " + figures);
        if (fromJswan) {
            assertTrue(jswanMoved.txBytes() >= r.bytes() && charonInMoved >= r.bytes(), "through the SA: " + figures);
        } else {
            assertTrue(charonOutMoved >= r.bytes() && jswanMoved.rxBytes() >= r.bytes(), "through the SA: " + figures);
        }
    }

    @Test
    void jswan_initiates_and_iperf3_passes_from_its_client() {
        up(true);
        iperf(true);
    }

    @Test
    void charon_initiates_and_iperf3_passes_from_its_client() {
        up(false);
        iperf(false);
    }

    @Test
    void jswan_initiates_and_a_ping_passes_through_the_tunnel() {
        up(true);
        ping(bed.left(), Testbed.LEFT_CLIENT, Testbed.RIGHT_CLIENT);
    }

    @Test
    void charon_initiates_and_a_ping_passes_through_the_tunnel() {
        up(false);
        ping(bed.right(), Testbed.RIGHT_CLIENT, Testbed.LEFT_CLIENT);
    }
}
