package org.jswan.klips.esp;

import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 header fields (RFC 791) as the transforms need them: read, write, checksum, build,
 * fragment. Static, over {@code byte[]} packets.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv4 {
    public static final int MIN_HEADER = 20;
    public static final int MAX_PACKET = 65535;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_IPIP = 4;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_IPV6 = 41;
    public static final int PROTO_ESP = 50;
    public static final int PROTO_AH = 51;
    public static final int PROTO_IPCOMP = 108;
    /** The Don't Fragment flag in the flags/offset word. */
    public static final int DF = 0x4000;
    private static final int MF = 0x2000;

    private Ipv4() {
    }

    /**
     * Checks that {@code p[off..off+len)} starts with a sane IPv4 header and returns its total
     * length (which may be shorter than {@code len}: trailing bytes are ignored).
     */
    public static int check(byte[] p, int off, int len) throws BadPacket {
        if (len < MIN_HEADER) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "IPv4 packet of " + len + " bytes");
        }
        if (version(p, off) != 4) {
            throw new BadPacket(BadPacket.Reason.MALFORMED, "IP version " + version(p, off) + ", not 4");
        }
        int ihl = headerLength(p, off);
        int total = totalLength(p, off);
        if (ihl < MIN_HEADER || total < ihl || total > len) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "IPv4 header length " + ihl + ", total " + total
                    + ", " + len + " bytes present");
        }
        return total;
    }

    public static int version(byte[] p, int off) {
        return (p[off] & 0xff) >>> 4;
    }

    public static int headerLength(byte[] p, int off) {
        return (p[off] & 0x0f) * 4;
    }

    public static int totalLength(byte[] p, int off) {
        return u16(p, off + 2);
    }

    public static int identification(byte[] p, int off) {
        return u16(p, off + 4);
    }

    public static int protocol(byte[] p, int off) {
        return p[off + 9] & 0xff;
    }

    public static int flagsAndOffset(byte[] p, int off) {
        return u16(p, off + 6);
    }

    /** True for any fragment but a whole datagram. */
    public static boolean isFragment(byte[] p, int off) {
        return (flagsAndOffset(p, off) & (MF | 0x1fff)) != 0;
    }

    public static byte[] source(byte[] p, int off) {
        return java.util.Arrays.copyOfRange(p, off + 12, off + 16);
    }

    public static byte[] destination(byte[] p, int off) {
        return java.util.Arrays.copyOfRange(p, off + 16, off + 20);
    }

    public static void setProtocol(byte[] p, int off, int protocol) {
        p[off + 9] = (byte) protocol;
    }

    public static void setTotalLength(byte[] p, int off, int length) {
        putU16(p, off + 2, length);
    }

    /** Recomputes the header checksum of the header at {@code off}. */
    public static void fillChecksum(byte[] p, int off) {
        p[off + 10] = 0;
        p[off + 11] = 0;
        putU16(p, off + 10, checksum(p, off, headerLength(p, off)));
    }

    /** The Internet checksum (RFC 1071) of {@code b[off..off+len)}. */
    public static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (b[off + i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * Writes a 20-byte header (no options) to {@code out[off..]} with its checksum.
     *
     * @param flagsAndOffset flags and fragment offset word, e.g. 0 or {@link #DF}
     */
    public static void writeHeader(byte[] out, int off, int tos, int totalLength, int id, int flagsAndOffset, int ttl,
                                   int protocol, byte[] src, byte[] dst) {
        out[off] = 0x45;
        out[off + 1] = (byte) tos;
        putU16(out, off + 2, totalLength);
        putU16(out, off + 4, id);
        putU16(out, off + 6, flagsAndOffset);
        out[off + 8] = (byte) ttl;
        out[off + 9] = (byte) protocol;
        out[off + 10] = 0;
        out[off + 11] = 0;
        System.arraycopy(src, 0, out, off + 12, 4);
        System.arraycopy(dst, 0, out, off + 16, 4);
        fillChecksum(out, off);
    }

    /**
     * Splits the datagram {@code p[0..len)} into fragments of at most {@code mtu} bytes (RFC 791
     * §3.2; options are copied into every fragment, which is only right for options with the copy
     * flag, and jswan only ever builds option-free outer headers). Returns the packet itself when
     * it fits.
     *
     * @throws BadPacket {@link BadPacket.Reason#UNSUPPORTED} when DF is set and it does not fit
     */
    public static List<byte[]> fragment(byte[] p, int len, int mtu) throws BadPacket {
        List<byte[]> out = new ArrayList<>();
        if (len <= mtu) {
            out.add(len == p.length ? p : java.util.Arrays.copyOf(p, len));
            return out;
        }
        int word = flagsAndOffset(p, 0);
        if ((word & DF) != 0) {
            throw new BadPacket(BadPacket.Reason.UNSUPPORTED, "datagram of " + len + " bytes, DF set, MTU " + mtu);
        }
        int ihl = headerLength(p, 0);
        int chunk = (mtu - ihl) & ~7;
        if (chunk <= 0) {
            throw new BadPacket(BadPacket.Reason.UNSUPPORTED, "MTU " + mtu + " too small");
        }
        int baseOffset = (word & 0x1fff) * 8;
        boolean moreAfter = (word & MF) != 0;
        for (int pos = ihl; pos < len; pos += chunk) {
            int n = Math.min(chunk, len - pos);
            byte[] f = new byte[ihl + n];
            System.arraycopy(p, 0, f, 0, ihl);
            System.arraycopy(p, pos, f, ihl, n);
            boolean last = pos + n >= len;
            int fo = (baseOffset + pos - ihl) / 8;
            putU16(f, 6, fo | (last && !moreAfter ? 0 : MF));
            putU16(f, 2, ihl + n);
            fillChecksum(f, 0);
            out.add(f);
        }
        return out;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
