package org.jswan.klips.userspace;

import java.util.Arrays;
import org.jswan.klips.esp.IpSelectors;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.esp.UdpEncapsulation;

/**
 * KLIPS's IKE bypass: a UDP datagram from port 500 or 4500 between the two ends of an eroute's
 * SA goes out in the clear, whatever the eroute says. Host to host (transport mode, or a tunnel
 * without clients), the peer itself is routed into {@code ipsec0}, and so is pluto's own traffic
 * to it: without the bypass, the SA would carry the IKE that negotiates it and a {@code %trap}
 * would hold the negotiation it asked for. The ESP-in-UDP that the userspace KLIPS sends through
 * pluto's NAT-T socket takes the same way: locally fragmented to the {@code ipsec0} MTU, so the
 * later fragments of a bypassed datagram (no ports) follow its first one.
 *
 * <p>FreeS/WAN: any such datagram from one of this host's addresses; jswan, which does not
 * track the host's addresses: only between the SA's own endpoints, or for a shunt eroute only
 * between the two hosts of a host-to-host flow. A datagram that matches no eroute (whose default
 * is %drop) passes as in KLIPS when it comes from one of the host's own addresses: a road
 * warrior's address is routed into {@code ipsec0} for its client's traffic, and pluto's IKE and
 * ESP-in-UDP to it, from the gateway's public address, match no eroute.
 */
final class IkeBypass {
    static final int IKE_PORT = 500;
    /** First fragments whose later fragments follow them out in the clear. */
    private static final int REMEMBERED = 64;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int OFFSET = 0x1fff;

    /** RFC 791: the fragments of one datagram share source, destination, protocol (UDP here) and ID. */
    private record Datagram(int src, int dst, int id) {
        static Datagram of(IpSelectors sel, byte[] p) {
            return new Datagram(address(sel.src()), address(sel.dst()), Ipv4.identification(p, 0));
        }

        private static int address(byte[] a) {
            return (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
        }
    }

    private final Datagram[] firstFragments = new Datagram[REMEMBERED];
    private int next;

    /**
     * True if packet {@code p} with selectors {@code sel}, matched by {@code er}, is pluto's UDP
     * to the peer (or a later fragment of such a datagram) and goes out unencapsulated.
     *
     * @param outermost the outermost SA of the eroute's group, null for a shunt
     */
    boolean passes(byte[] p, IpSelectors sel, ErouteTable.Entry er, SaEntry outermost) {
        if (er == null || sel.version() != 4 || sel.protocol() != Ipv4.PROTO_UDP) {
            return false;
        }
        int fragment = Ipv4.flagsAndOffset(p, 0);
        if ((fragment & OFFSET) != 0) {
            return remembered(Datagram.of(sel, p));
        }
        if (sel.srcPort() != IKE_PORT && sel.srcPort() != UdpEncapsulation.PORT) {
            return false;
        }
        boolean ends = outermost != null
                ? Arrays.equals(outermost.ref.src().getAddress(), sel.src())
                        && Arrays.equals(outermost.ref.dst().getAddress(), sel.dst())
                : isHost(er.src.prefixLength(), sel.src()) && isHost(er.dst.prefixLength(), sel.dst());
        if (ends && (fragment & MORE_FRAGMENTS) != 0) {
            remember(Datagram.of(sel, p));
        }
        return ends;
    }

    /**
     * True if {@code p}, which matched no eroute, is UDP from port 500 or 4500 that this host sent
     * (or a later fragment of such a datagram), and goes out unencapsulated.
     */
    boolean passesWithoutEroute(byte[] p, IpSelectors sel, java.util.function.Predicate<byte[]> isLocal) {
        if (sel.version() != 4 || sel.protocol() != Ipv4.PROTO_UDP) {
            return false;
        }
        int fragment = Ipv4.flagsAndOffset(p, 0);
        if ((fragment & OFFSET) != 0) {
            return remembered(Datagram.of(sel, p));
        }
        if (sel.srcPort() != IKE_PORT && sel.srcPort() != UdpEncapsulation.PORT || !isLocal.test(sel.src())) {
            return false;
        }
        if ((fragment & MORE_FRAGMENTS) != 0) {
            remember(Datagram.of(sel, p));
        }
        return true;
    }

    private static boolean isHost(int prefixLength, byte[] address) {
        return prefixLength == address.length * 8;
    }

    private synchronized void remember(Datagram d) {
        firstFragments[next] = d;
        next = (next + 1) % REMEMBERED;
    }

    private synchronized boolean remembered(Datagram d) {
        for (Datagram k : firstFragments) {
            if (d.equals(k)) {
                return true;
            }
        }
        return false;
    }
}
