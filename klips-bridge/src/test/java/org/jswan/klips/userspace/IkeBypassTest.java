package org.jswan.klips.userspace;

import static org.jswan.klips.userspace.Packets.GW_A;
import static org.jswan.klips.userspace.Packets.GW_B;
import static org.jswan.klips.userspace.Packets.HOST_A;
import static org.jswan.klips.userspace.Packets.HOST_B;
import static org.jswan.klips.userspace.Packets.NET_A;
import static org.jswan.klips.userspace.Packets.NET_B;
import static org.jswan.klips.userspace.Packets.icmp;
import static org.jswan.klips.userspace.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.klips.Eroute;
import org.jswan.klips.Net;
import org.jswan.klips.SaProto;
import org.jswan.klips.Shunt;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.esp.UdpEncapsulation;
import org.jswan.klips.userspace.KlipsStats.Counter;
import org.junit.jupiter.api.Test;

/**
 * Host to host, the peer itself is routed into ipsec0: pluto's IKE (and ESP-in-UDP) to it goes
 * out in the clear, everything else between the two hosts through the SA.
 */
class IkeBypassTest {
    private static final Net HOST_GW_A = Net.host(GW_A);
    private static final Net HOST_GW_B = Net.host(GW_B);
    private final Node a = new Node(GW_A, GW_B);

    /** Transport mode ESP between the gateways, the host-to-host eroute on it. */
    private void transport(int natPort) throws Exception {
        a.dp.addSa(Node.esp(a.out(SaProto.ESP, 0x2001), false, false, natPort, 1));
        a.dp.eroute(new Eroute(Eroute.Op.ADD, HOST_GW_A, HOST_GW_B, a.out(SaProto.ESP, 0x2001)));
    }

    private byte[] onlyRawPacket() {
        List<byte[]> out = a.wire.take();
        assertEquals(1, out.size(), "one packet on the wire");
        return out.get(0);
    }

    @Test
    void ikeBetweenTheSasEndsPassesAndEverythingElseIsEsp() throws Exception {
        transport(0);
        byte[] ike = udp(GW_A, 500, GW_B, 500, 200);
        a.dp.outbound(ike);
        assertArrayEquals(ike, onlyRawPacket(), "IKE unchanged");
        byte[] natT = udp(GW_A, 4500, GW_B, 4500, 80);
        a.dp.outbound(natT);
        assertArrayEquals(natT, onlyRawPacket(), "IKE on the NAT-T port unchanged");
        assertEquals(2, a.dp.stats.get(Counter.PASSED));

        a.dp.outbound(icmp(GW_A, GW_B, 1, 56));
        assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(onlyRawPacket(), 0), "a ping goes through the SA");
        a.dp.outbound(udp(GW_A, 5000, GW_B, 500, 40));
        assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(onlyRawPacket(), 0), "UDP to port 500 from another port: ESP");
        assertEquals(2, a.dp.stats.get(Counter.ENCAPSULATED));
    }

    @Test
    void aTrapOnTheHostPairDoesNotHoldTheNegotiationItAsksFor() throws Exception {
        a.dp.eroute(new Eroute(Eroute.Op.ADD, HOST_GW_A, HOST_GW_B, Shunt.TRAP.ref()));
        byte[] ike = udp(GW_A, 500, GW_B, 500, 200);
        a.dp.outbound(ike);
        assertArrayEquals(ike, onlyRawPacket());
        a.dp.outbound(icmp(GW_A, GW_B, 1, 56));
        assertTrue(a.wire.take().isEmpty(), "the ping is held");
        assertEquals(1, a.acquires.size(), "and asks for an SA");
    }

    @Test
    void laterFragmentsFollowABypassedFirstFragmentOnly() throws Exception {
        transport(UdpEncapsulation.PORT);
        // ESP-in-UDP from pluto's socket, fragmented by the stack to ipsec0's MTU
        byte[] espInUdp = udp(GW_A, 4500, GW_B, 4500, 1450);
        List<byte[]> fragments = Ipv4.fragment(espInUdp, espInUdp.length, 1400);
        assertEquals(2, fragments.size());
        a.dp.outbound(fragments.get(0));
        a.dp.outbound(fragments.get(1));
        List<byte[]> out = a.wire.take();
        assertEquals(2, out.size());
        assertArrayEquals(fragments.get(0), out.get(0));
        assertArrayEquals(fragments.get(1), out.get(1));

        byte[] other = udp(GW_A, 5000, GW_B, 5001, 1450);
        other[5] = 8; // another IP ID
        Ipv4.fillChecksum(other, 0);
        for (byte[] f : Ipv4.fragment(other, other.length, 1400)) {
            a.dp.outbound(f);
        }
        assertTrue(a.wire.take().isEmpty(), "fragments of other UDP are not let out in the clear");
        assertTrue(a.udp.isEmpty());
    }

    @Test
    void ourOwnEspRoutedBackIntoIpsec0IsDroppedNotEncapsulatedAgain() throws Exception {
        transport(0);
        a.dp.outbound(icmp(GW_A, GW_B, 1, 56));
        byte[] esp = onlyRawPacket();
        a.dp.outbound(esp); // what an unattached raw socket does when the peer is routed into ipsec0
        assertTrue(a.wire.take().isEmpty(), "not sent again");
        assertEquals(1, a.dp.stats.get(Counter.DROP_LOOP));
        assertEquals(1, a.dp.stats.get(Counter.ENCAPSULATED));
    }

    @Test
    void aClientsIkeThroughASubnetTunnelIsEncapsulated() throws Exception {
        a.tunnel(0x1001, 0x1002, NET_A, NET_B, 0);
        a.dp.outbound(udp(HOST_A, 500, HOST_B, 500, 100));
        assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(onlyRawPacket(), 0), "not the SA's own ends: protected");
        assertEquals(0, a.dp.stats.get(Counter.PASSED));
    }

    @Test
    void ikeFromThisHostThatMatchesNoEroutePassesAndOtherUnmatchedTrafficIsDropped() throws Exception {
        // a road warrior gateway: 198.51.100.0/24 -> the warrior GW_B/32 erouted, GW_B routed into
        // ipsec0; pluto's own IKE and ESP-in-UDP to GW_B come from GW_A, which no eroute covers
        Node a = new Node(GW_A, GW_B, KlipsOptions.defaults().withPhysicalInterface("eth0"), 7);
        a.dp.localAddresses(addr -> java.util.Arrays.equals(addr, GW_A.getAddress()));
        a.tunnel(0x1001, 0x1002, NET_A, HOST_GW_B, UdpEncapsulation.PORT);
        byte[] ike = udp(GW_A, 4500, GW_B, 4500, 300);
        a.dp.outbound(ike);
        assertArrayEquals(ike, only(a.wire.take()), "IKE from us passes");
        byte[] espInUdp = udp(GW_A, 4500, GW_B, 4500, 1450);
        List<byte[]> fragments = Ipv4.fragment(espInUdp, espInUdp.length, 1400);
        for (byte[] f : fragments) {
            a.dp.outbound(f);
        }
        assertEquals(2, a.wire.take().size(), "both fragments of our ESP-in-UDP pass");

        a.dp.outbound(udp(HOST_B, 500, GW_B, 500, 100));
        a.dp.outbound(udp(GW_A, 5000, GW_B, 5000, 100));
        a.dp.outbound(icmp(GW_A, GW_B, 1, 56));
        assertTrue(a.wire.take().isEmpty(), "not from us, not IKE, or not UDP: KLIPS's default %drop");
        assertEquals(3, a.dp.stats.get(Counter.DROP_NO_EROUTE));
        assertEquals(3, a.dp.stats.get(Counter.PASSED));

        Node unattached = new Node(GW_A, GW_B);
        unattached.dp.localAddresses(addr -> true);
        unattached.dp.outbound(ike);
        assertTrue(unattached.wire.take().isEmpty(), "ipsec0 attached to nothing: it would come back, so no pass");
    }

    private static byte[] only(List<byte[]> out) {
        assertEquals(1, out.size(), "one packet on the wire");
        return out.get(0);
    }
}
