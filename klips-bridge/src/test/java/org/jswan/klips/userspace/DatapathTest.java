package org.jswan.klips.userspace;

import static org.jswan.klips.userspace.Packets.GW_A;
import static org.jswan.klips.userspace.Packets.GW_B;
import static org.jswan.klips.userspace.Packets.HOST_A;
import static org.jswan.klips.userspace.Packets.HOST_B;
import static org.jswan.klips.userspace.Packets.NET_A;
import static org.jswan.klips.userspace.Packets.NET_B;
import static org.jswan.klips.userspace.Packets.icmp;
import static org.jswan.klips.userspace.Packets.net;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.klips.Eroute;
import org.jswan.klips.SaCounters;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.Shunt;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.esp.UdpEncapsulation;
import org.jswan.klips.userspace.KlipsStats.Counter;
import org.junit.jupiter.api.Test;

/** Two datapaths back to back: what one puts on the wire, the other takes in. */
class DatapathTest {
    private final Node a = new Node(GW_A, GW_B);
    private final Node b = new Node(GW_B, GW_A);

    private void tunnels(int natPort) throws Exception {
        a.tunnel(0x1001, 0x1002, NET_A, NET_B, natPort);
        b.tunnel(0x1002, 0x1001, NET_B, NET_A, natPort);
    }

    @Test
    void tunnelModeEspCarriesAPingBothWays() throws Exception {
        tunnels(0);
        byte[] request = icmp(HOST_A, HOST_B, 1, 56);
        a.dp.outbound(request);
        List<byte[]> onWire = a.wire.take();
        assertEquals(1, onWire.size());
        byte[] esp = onWire.get(0);
        assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(esp, 0));
        assertArrayEquals(GW_A.getAddress(), Ipv4.source(esp, 0));
        assertArrayEquals(GW_B.getAddress(), Ipv4.destination(esp, 0));
        assertEquals(0, Ipv4.checksum(esp, 0, 20));
        assertEquals(0x1001, ((esp[20] & 0xff) << 24 | (esp[21] & 0xff) << 16 | (esp[22] & 0xff) << 8 | esp[23] & 0xff));
        b.dp.inboundWire(esp);
        assertArrayEquals(request, b.tun.take().get(0), "the inner packet, unchanged, into ipsec0");

        byte[] reply = icmp(HOST_B, HOST_A, 1, 56);
        b.dp.outbound(reply);
        b.deliverTo(a);
        assertArrayEquals(reply, a.tun.take().get(0));
        assertEquals(1, a.dp.stats.get(Counter.ENCAPSULATED));
        assertEquals(1, a.dp.stats.get(Counter.DECAPSULATED));
        SaCounters out = a.dp.sadb.get(a.out(SaProto.ESP, 0x1001)).counters(a.clock.get() + 3_000_000_000L);
        assertEquals(1, out.packets());
        assertEquals(request.length, out.bytes());
        assertEquals(3, out.idle().orElseThrow().toSeconds(), "used 3s ago");
    }

    @Test
    void udpEncapsulatedEspGoesThroughPlutosSocket() throws Exception {
        tunnels(UdpEncapsulation.PORT);
        byte[] request = icmp(HOST_A, HOST_B, 1, 100);
        a.dp.outbound(request);
        assertTrue(a.wire.take().isEmpty(), "nothing raw");
        assertEquals(1, a.udp.size());
        Node.Udp u = a.udp.get(0);
        assertEquals(GW_A, u.src());
        assertEquals(4500, u.srcPort());
        assertEquals(GW_B, u.dst());
        assertEquals(4500, u.dstPort());
        assertEquals(UdpEncapsulation.Kind.ESP, UdpEncapsulation.classify(u.payload(), 0, u.payload().length));
        a.deliverTo(b);
        assertArrayEquals(request, b.tun.take().get(0));
    }

    @Test
    void rawEspForAnEncapsulatedSaIsRefused() throws Exception {
        a.tunnel(0x1001, 0x1002, NET_A, NET_B, 0);
        b.tunnel(0x1002, 0x1001, NET_B, NET_A, UdpEncapsulation.PORT);
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 10));
        a.deliverTo(b);
        assertTrue(b.tun.take().isEmpty());
        assertEquals(1, b.dp.stats.get(Counter.DROP_ENCAPSULATION));
    }

    @Test
    void replaysAndForgeriesAreDropped() throws Exception {
        tunnels(0);
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 10));
        a.dp.outbound(icmp(HOST_A, HOST_B, 2, 10));
        List<byte[]> sent = a.wire.take();
        byte[] esp = sent.get(0);
        b.dp.inboundWire(esp);
        b.dp.inboundWire(esp);
        byte[] forged = sent.get(1).clone();
        forged[forged.length - 1] ^= 1;
        b.dp.inboundWire(forged);
        assertEquals(1, b.tun.take().size());
        assertEquals(1, b.dp.stats.get(Counter.DROP_REPLAY));
        assertEquals(1, b.dp.stats.get(Counter.DROP_AUTH));
        assertEquals(2, b.dp.sadb.get(b.in(SaProto.ESP, 0x1001)).counters(0).dropped());
        byte[] unknown = esp.clone();
        unknown[23] = 9;
        b.dp.inboundWire(unknown);
        assertEquals(1, b.dp.stats.get(Counter.DROP_NO_SA));
    }

    @Test
    void theArrivalCheckDropsPacketsOutsideTheFlow() throws Exception {
        tunnels(0);
        // a's eroute for a wider source than b's SA flow admits
        a.dp.eroute(new Eroute(Eroute.Op.ADD, net("192.0.2.0/24"), NET_B, a.out(SaProto.ESP, 0x1001)));
        a.dp.outbound(icmp(Packets.ip("192.0.2.77"), HOST_B, 1, 10));
        a.deliverTo(b);
        assertTrue(b.tun.take().isEmpty());
        assertEquals(1, b.dp.stats.get(Counter.DROP_ARRIVAL_CHECK));
    }

    @Test
    void disableArrivalCheckLetsThemIn() throws Exception {
        a.tunnel(0x1001, 0x1002, NET_A, NET_B, 0);
        a.dp.eroute(new Eroute(Eroute.Op.ADD, net("192.0.2.0/24"), NET_B, a.out(SaProto.ESP, 0x1001)));
        b.dp.addSa(Node.esp(b.in(SaProto.ESP, 0x1001), true, true, 0, 0x1001).withFlow(NET_A, NET_B)
                .withDisableArrivalCheck(true));
        a.dp.outbound(icmp(Packets.ip("192.0.2.77"), HOST_B, 1, 10));
        a.deliverTo(b);
        assertEquals(1, b.tun.take().size());
    }

    @Test
    void withoutAFlowTheReplyEroutePermits() throws Exception {
        a.tunnel(0x1001, 0x1002, NET_A, NET_B, 0);
        b.dp.addSa(Node.esp(b.in(SaProto.ESP, 0x1001), true, true, 0, 0x1001));
        b.dp.addSa(Node.esp(b.out(SaProto.ESP, 0x1002), false, true, 0, 0x1002));
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 10));
        a.deliverTo(b);
        assertEquals(1, b.dp.stats.get(Counter.DROP_ARRIVAL_CHECK), "no eroute back yet");
        b.dp.eroute(new Eroute(Eroute.Op.ADD, NET_B, NET_A, b.out(SaProto.ESP, 0x1002)));
        a.dp.outbound(icmp(HOST_A, HOST_B, 2, 10));
        a.deliverTo(b);
        assertEquals(1, b.tun.take().size());
    }

    @Test
    void transportModeEsp() throws Exception {
        a.dp.addSa(Node.esp(a.out(SaProto.ESP, 0x2001), false, false, 0, 1));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, org.jswan.klips.Net.host(GW_A), org.jswan.klips.Net.host(GW_B),
                a.out(SaProto.ESP, 0x2001)));
        b.dp.addSa(Node.esp(b.in(SaProto.ESP, 0x2001), true, false, 0, 1));
        byte[] p = Packets.udp(GW_A, GW_B, 53, 30);
        a.dp.outbound(p);
        byte[] esp = a.wire.take().get(0);
        assertEquals(20 + 8 + 16 + 48 + 12, esp.length, "IP header kept, ESP inserted");
        assertEquals(7, Ipv4.identification(esp, 0), "the packet's own header, id and all");
        b.dp.inboundWire(esp);
        byte[] back = b.tun.take().get(0);
        assertArrayEquals(java.util.Arrays.copyOfRange(p, 20, p.length), java.util.Arrays.copyOfRange(back, 20, back.length));
        assertEquals(Ipv4.PROTO_UDP, Ipv4.protocol(back, 0));
        assertEquals(0, Ipv4.checksum(back, 0, 20));
    }

    @Test
    void ahEspAndIpcompGroupedAsKlipsDid() throws Exception {
        // tun (IPIP) first, then comp, esp, ah: [outer IP][AH][ESP][IPComp][inner IP]
        for (Node n : new Node[] {a, b}) {
            boolean inb = n == b;
            org.jswan.klips.SaRef tun = inb ? n.in(SaProto.IPIP, 0x1001) : n.out(SaProto.IPIP, 0x1001);
            org.jswan.klips.SaRef comp = inb ? n.in(SaProto.IPCOMP, 0x4444) : n.out(SaProto.IPCOMP, 0x4444);
            org.jswan.klips.SaRef esp = inb ? n.in(SaProto.ESP, 0x5555) : n.out(SaProto.ESP, 0x5555);
            org.jswan.klips.SaRef ah = inb ? n.in(SaProto.AH, 0x6666) : n.out(SaProto.AH, 0x6666);
            n.dp.addSa(new SaParams(tun, inb, true, 0, null, 0, null, 0, 0));
            n.dp.addSa(new SaParams(comp, inb, true, 2, null, 0, null, 0, 0));
            n.dp.addSa(Node.esp(esp, inb, true, 0, 9));
            n.dp.addSa(new SaParams(ah, inb, true, 0, null, 5, Packets.key(32, 3), 0, 0).withFlow(NET_A, NET_B));
            n.dp.groupSas(tun, comp);
            n.dp.groupSas(comp, esp);
            n.dp.groupSas(esp, ah);
            if (!inb) {
                n.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, tun));
            }
        }
        byte[] big = Packets.udp(HOST_A, HOST_B, 9, 600);
        a.dp.outbound(big);
        byte[] wire = a.wire.take().get(0);
        assertEquals(Ipv4.PROTO_AH, Ipv4.protocol(wire, 0));
        assertEquals(Ipv4.PROTO_ESP, wire[20], "AH carries ESP");
        assertTrue(wire.length < big.length, "zeros compress: " + wire.length);
        b.dp.inboundWire(wire);
        assertArrayEquals(big, b.tun.take().get(0));
        byte[] small = icmp(HOST_A, HOST_B, 3, 20);
        a.dp.outbound(small);
        a.deliverTo(b);
        assertArrayEquals(small, b.tun.take().get(0), "too small to compress, and still accepted");
        assertEquals(2, b.dp.sadb.get(b.in(SaProto.AH, 0x6666)).counters(0).packets());
        assertEquals(2, b.dp.sadb.get(b.in(SaProto.IPCOMP, 0x4444)).counters(0).packets());
    }

    @Test
    void anSaOfAGroupMayNotBeUsedAlone() throws Exception {
        // b expects AH around ESP; a sends ESP alone with the same SPI
        a.tunnel(0x5555, 0x1002, NET_A, NET_B, 0);
        b.dp.addSa(Node.esp(b.in(SaProto.ESP, 0x5555), true, true, 0, 0x5555).withFlow(NET_A, NET_B));
        b.dp.addSa(new SaParams(b.in(SaProto.AH, 0x6666), true, true, 0, null, 3, Packets.key(20, 1), 0, 0));
        b.dp.groupSas(b.in(SaProto.ESP, 0x5555), b.in(SaProto.AH, 0x6666));
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 10));
        a.deliverTo(b);
        assertTrue(b.tun.take().isEmpty());
        assertEquals(1, b.dp.stats.get(Counter.DROP_CHAIN));
    }

    @Test
    void theMostSpecificErouteWins() throws Exception {
        a.dp.eroute(new Eroute(Eroute.Op.ADD, net("0.0.0.0/0"), net("0.0.0.0/0"), Shunt.DROP.ref()));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, net("203.0.0.0/8"), Shunt.PASS.ref()));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, net("198.51.100.1/32"), net("0.0.0.0/0"), Shunt.REJECT.ref()));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.HOLD.ref()));
        ErouteTable t = a.dp.eroutes;
        assertEquals("%reject", t.lookup(HOST_A.getAddress(), HOST_B.getAddress()).target.toString(),
                "a /32 source beats any destination");
        assertEquals("%hold", t.lookup(Packets.ip("198.51.100.2").getAddress(), HOST_B.getAddress()).target.toString());
        assertEquals("%pass", t.lookup(Packets.ip("198.51.100.2").getAddress(),
                Packets.ip("203.1.1.1").getAddress()).target.toString());
        assertEquals("%drop", t.lookup(GW_A.getAddress(), GW_B.getAddress()).target.toString());
        assertEquals(null, t.lookup(new byte[16], new byte[16]), "IPv4 eroutes do not cover IPv6");
    }

    @Test
    void shuntsPassDropAndReject() throws Exception {
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, net("203.0.113.1/32"), Shunt.PASS.ref()));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, net("203.0.113.2/32"), Shunt.DROP.ref()));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, net("203.0.113.3/32"), Shunt.REJECT.ref()));
        byte[] pass = icmp(HOST_A, HOST_B, 1, 8);
        a.dp.outbound(pass);
        assertArrayEquals(pass, a.wire.take().get(0), "%pass: in the clear, as it came");
        a.dp.outbound(icmp(HOST_A, Packets.ip("203.0.113.2"), 1, 8));
        assertTrue(a.wire.take().isEmpty());
        assertTrue(a.tun.take().isEmpty());
        byte[] rejected = Packets.udp(HOST_A, Packets.ip("203.0.113.3"), 53, 4);
        a.dp.outbound(rejected);
        byte[] icmp = a.tun.take().get(0);
        assertEquals(Ipv4.PROTO_ICMP, Ipv4.protocol(icmp, 0));
        assertArrayEquals(HOST_A.getAddress(), Ipv4.destination(icmp, 0));
        assertEquals(3, icmp[20], "destination unreachable");
        assertEquals(13, icmp[21], "administratively prohibited");
        assertEquals(0, Ipv4.checksum(icmp, 20, icmp.length - 20));
        assertArrayEquals(java.util.Arrays.copyOf(rejected, 28), java.util.Arrays.copyOfRange(icmp, 28, 56));
        a.dp.outbound(icmp(Packets.ip("192.0.2.9"), HOST_B, 1, 8));
        assertEquals(1, a.dp.stats.get(Counter.PASSED));
        assertEquals(1, a.dp.stats.get(Counter.DROP_SHUNT));
        assertEquals(1, a.dp.stats.get(Counter.DROP_REJECT));
        assertEquals(1, a.dp.stats.get(Counter.DROP_NO_EROUTE));
    }

    @Test
    void ipv6ClientsThroughAnIpv4Tunnel() throws Exception {
        org.jswan.klips.Net v6a = net("2001:db8:1::/48");
        org.jswan.klips.Net v6b = net("2001:db8:2::/48");
        a.dp.addSa(Node.esp(a.out(SaProto.ESP, 0x3001), false, true, 0, 0x3001));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, v6a, v6b, a.out(SaProto.ESP, 0x3001)));
        b.dp.addSa(Node.esp(b.in(SaProto.ESP, 0x3001), true, true, 0, 0x3001).withFlow(v6a, v6b));
        byte[] p = new byte[40 + 8 + 12];
        p[0] = 0x60;
        p[5] = 20;
        p[6] = (byte) Ipv4.PROTO_UDP;
        p[7] = 64;
        System.arraycopy(Packets.ip("2001:db8:1::1").getAddress(), 0, p, 8, 16);
        System.arraycopy(Packets.ip("2001:db8:2::1").getAddress(), 0, p, 24, 16);
        a.dp.outbound(p);
        byte[] esp = a.wire.take().get(0);
        b.dp.inboundWire(esp);
        assertArrayEquals(p, b.tun.take().get(0), "IPv6 inside, next header 41");
    }

    @Test
    void anEroutePointingAtAMissingSaDrops() throws Exception {
        a.dp.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, a.out(SaProto.ESP, 0x9999)));
        a.dp.outbound(icmp(HOST_A, HOST_B, 1, 8));
        assertEquals(1, a.dp.stats.get(Counter.DROP_NO_SA));
        assertFalse(a.log.isEmpty());
    }
}
