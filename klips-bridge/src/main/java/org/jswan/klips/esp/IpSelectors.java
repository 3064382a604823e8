package org.jswan.klips.esp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What the eroute table and the arrival check look at in an IP packet (IPv4 or IPv6): addresses,
 * transport protocol and ports. Ports are 0 for protocols without them and for IPv4 fragments
 * after the first.
 *
 * @param length the packet's length per its header (IPv4 total length, IPv6 40 + payload length)
 */
public record IpSelectors(int version, byte[] src, byte[] dst, int protocol, int srcPort, int dstPort, int length) {
    private static final int IPV6_HEADER = 40;

    /** Reads the selectors of the packet in {@code p[off..off+len)}. */
    public static IpSelectors parse(byte[] p, int off, int len) throws BadPacket {
        if (len < 1) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "empty packet");
        }
        int version = (p[off] & 0xff) >>> 4;
        if (version == 4) {
            int total = Ipv4.check(p, off, len);
            int ihl = Ipv4.headerLength(p, off);
            int proto = Ipv4.protocol(p, off);
            boolean laterFragment = (Ipv4.flagsAndOffset(p, off) & 0x1fff) != 0;
            int[] ports = laterFragment ? new int[2] : ports(proto, p, off + ihl, total - ihl);
            return new IpSelectors(4, Ipv4.source(p, off), Ipv4.destination(p, off), proto, ports[0], ports[1], total);
        }
        if (version == 6) {
            if (len < IPV6_HEADER) {
                throw new BadPacket(BadPacket.Reason.TRUNCATED, "IPv6 packet of " + len + " bytes");
            }
            int total = IPV6_HEADER + Ipv4.u16(p, off + 4);
            if (total > len) {
                throw new BadPacket(BadPacket.Reason.TRUNCATED, "IPv6 payload length beyond the packet");
            }
            int next = p[off + 6] & 0xff;
            int pos = off + IPV6_HEADER;
            int end = off + total;
            boolean laterFragment = false;
            // RFC 8200 §4: walk hop-by-hop, routing, fragment and destination options headers
            while ((next == 0 || next == 43 || next == 44 || next == 60) && pos + 8 <= end) {
                int hdrNext = p[pos] & 0xff;
                if (next == 44) {
                    laterFragment = (Ipv4.u16(p, pos + 2) & 0xfff8) != 0;
                    pos += 8;
                } else {
                    pos += ((p[pos + 1] & 0xff) + 1) * 8;
                }
                next = hdrNext;
            }
            if (pos > end) {
                throw new BadPacket(BadPacket.Reason.TRUNCATED, "IPv6 extension header beyond the packet");
            }
            int[] ports = laterFragment ? new int[2] : ports(next, p, pos, end - pos);
            return new IpSelectors(6, java.util.Arrays.copyOfRange(p, off + 8, off + 24),
                    java.util.Arrays.copyOfRange(p, off + 24, off + 40), next, ports[0], ports[1], total);
        }
        throw new BadPacket(BadPacket.Reason.MALFORMED, "IP version " + version);
    }

    private static int[] ports(int proto, byte[] p, int off, int len) {
        if ((proto == Ipv4.PROTO_TCP || proto == Ipv4.PROTO_UDP || proto == 132) && len >= 4) {
            return new int[] {Ipv4.u16(p, off), Ipv4.u16(p, off + 2)};
        }
        return new int[2];
    }

    public InetAddress srcAddress() {
        return address(src);
    }

    public InetAddress dstAddress() {
        return address(dst);
    }

    private static InetAddress address(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return srcAddress().getHostAddress() + (srcPort != 0 ? ":" + srcPort : "") + " -> "
                + dstAddress().getHostAddress() + (dstPort != 0 ? ":" + dstPort : "") + " proto " + protocol;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpSelectors s && s.version == version && java.util.Arrays.equals(s.src, src)
                && java.util.Arrays.equals(s.dst, dst) && s.protocol == protocol && s.srcPort == srcPort
                && s.dstPort == dstPort && s.length == length;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(src) * 31 + java.util.Arrays.hashCode(dst) + protocol;
    }
}
