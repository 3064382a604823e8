package org.jswan.klips.userspace;

import static org.jswan.klips.userspace.Packets.GW_A;
import static org.jswan.klips.userspace.Packets.GW_B;
import static org.jswan.klips.userspace.Packets.HOST_A;
import static org.jswan.klips.userspace.Packets.HOST_B;
import static org.jswan.klips.userspace.Packets.NET_A;
import static org.jswan.klips.userspace.Packets.NET_B;
import static org.jswan.klips.userspace.Packets.icmp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jswan.klips.Acquire;
import org.jswan.klips.Eroute;
import org.jswan.klips.SaProto;
import org.jswan.klips.Shunt;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.userspace.KlipsStats.Counter;
import org.junit.jupiter.api.Test;

/** %trap: hold the packet, ACQUIRE to pluto, send it once the SA is there, or drop it on timeout. */
class TrapTest {
    private final KlipsOptions options = KlipsOptions.defaults().withHoldTimeout(Duration.ofSeconds(10));
    private final Node a = new Node(GW_A, GW_B, options, 1);
    private final Node b = new Node(GW_B, GW_A, options, 2);

    private void trap() throws Exception {
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.TRAP.ref()));
    }

    /** What pluto does once Quick Mode is done: SAs, then the eroute replaced by the SA. */
    private void negotiated() throws Exception {
        a.dp.addSa(Node.esp(a.out(SaProto.ESP, 0x1001), false, true, 0, 0x1001));
        a.dp.addSa(Node.esp(a.in(SaProto.ESP, 0x1002), true, true, 0, 0x1002).withFlow(NET_B, NET_A));
        a.dp.eroute(new Eroute(Eroute.Op.REPLACE, NET_A, NET_B, a.out(SaProto.ESP, 0x1001)));
        b.tunnel(0x1002, 0x1001, NET_B, NET_A, 0);
    }

    @Test
    void theFirstPacketRaisesOneAcquireAndWaitsForTheSa() throws Exception {
        trap();
        byte[] p1 = Packets.udp(HOST_A, HOST_B, 53, 20);
        byte[] p2 = icmp(HOST_A, HOST_B, 2, 20);
        a.dp.outbound(p1);
        a.dp.outbound(p2);
        assertEquals(1, a.acquires.size(), "one ACQUIRE per host pair");
        Acquire acq = a.acquires.get(0);
        assertEquals(HOST_A, acq.src());
        assertEquals(HOST_B, acq.dst());
        assertEquals(Ipv4.PROTO_UDP, acq.protocol());
        assertEquals(5000, acq.srcPort());
        assertEquals(53, acq.dstPort());
        assertEquals(NET_A, acq.ourClient());
        assertEquals(NET_B, acq.peerClient());
        assertTrue(a.wire.take().isEmpty(), "nothing leaves while held");
        assertEquals(2, a.dp.stats.get(Counter.HELD));
        assertEquals(2, a.dp.hold.size());

        a.dp.outbound(icmp(HOST_A, Packets.ip("203.0.113.9"), 1, 8));
        assertEquals(2, a.acquires.size(), "another pair, another ACQUIRE");

        a.advance(3000);
        negotiated();
        List<byte[]> out = a.wire.take();
        assertEquals(3, out.size(), "released through the new SA");
        for (byte[] esp : out) {
            assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(esp, 0));
            b.dp.inboundWire(esp);
        }
        List<byte[]> arrived = b.tun.take();
        assertArrayEquals(p1, arrived.get(0), "in the order they came");
        assertArrayEquals(p2, arrived.get(1));
        assertEquals(3, a.dp.stats.get(Counter.RELEASED));
        assertEquals(0, a.dp.hold.size());
        a.dp.outbound(icmp(HOST_A, HOST_B, 3, 8));
        assertEquals(1, a.wire.take().size(), "and later packets go straight through");
        assertEquals(2, a.acquires.size());
    }

    @Test
    void heldPacketsTimeOutAndTheNextOneAsksAgain() throws Exception {
        trap();
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 8));
        a.advance(9_999);
        a.dp.tick();
        assertEquals(1, a.dp.hold.size());
        a.advance(1);
        a.dp.tick();
        assertEquals(0, a.dp.hold.size());
        assertEquals(1, a.dp.stats.get(Counter.DROP_HOLD));
        a.dp.outbound(icmp(HOST_A, HOST_B, 2, 8));
        assertEquals(2, a.acquires.size(), "after the timeout, ACQUIRE again");
        negotiated();
        assertEquals(1, a.wire.take().size(), "only the packet still held");
    }

    @Test
    void theQueueIsBounded() throws Exception {
        trap();
        for (int i = 0; i < options.holdPerFlow() + 5; i++) {
            a.dp.outbound(icmp(HOST_A, HOST_B, i, 8));
        }
        assertEquals(options.holdPerFlow(), a.dp.hold.size());
        assertEquals(5, a.dp.stats.get(Counter.DROP_HOLD));
        assertEquals(1, a.acquires.size());
    }

    @Test
    void holdWaitsWithoutAcquireAndPassReleasesInTheClear() throws Exception {
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.HOLD.ref()));
        byte[] p = icmp(HOST_A, HOST_B, 1, 8);
        a.dp.outbound(p);
        assertTrue(a.acquires.isEmpty());
        assertEquals(1, a.dp.hold.size());
        a.dp.eroute(new Eroute(Eroute.Op.REPLACE, NET_A, NET_B, Shunt.PASS.ref()));
        assertArrayEquals(p, a.wire.take().get(0));
        assertEquals(0, a.dp.hold.size());
    }

    @Test
    void anSaNamedBeforeItIsAddedKeepsThePacketHeld() throws Exception {
        trap();
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 8));
        a.dp.eroute(new Eroute(Eroute.Op.REPLACE, NET_A, NET_B, a.out(SaProto.ESP, 0x1001)));
        assertEquals(1, a.dp.hold.size(), "the eroute came before its SA");
        a.dp.addSa(Node.esp(a.out(SaProto.ESP, 0x1001), false, true, 0, 0x1001));
        assertEquals(1, a.wire.take().size());
    }

    @Test
    void deletingTheTrapDropsWhatItHeld() throws Exception {
        trap();
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 8));
        a.dp.eroute(new Eroute(Eroute.Op.DELETE, NET_A, NET_B, null));
        assertEquals(0, a.dp.hold.size());
        assertEquals(1, a.dp.stats.get(Counter.DROP_NO_EROUTE));
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheDatapath() throws Exception {
        Datapath dp = new Datapath(options, new MemoryPort(), new MemoryPort(), org.jswan.klips.UdpSender.NONE,
                x -> {
                    throw new IllegalStateException("boom");
                }, s -> { }, System::nanoTime, new java.util.Random(1));
        dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.TRAP.ref()));
        dp.outbound(icmp(HOST_A, HOST_B, 1, 8));
        assertEquals(1, dp.stats.get(Counter.ACQUIRES));
    }
}
