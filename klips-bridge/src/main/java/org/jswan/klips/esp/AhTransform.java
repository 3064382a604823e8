package org.jswan.klips.esp;

import java.util.Objects;

/**
 * AH (RFC 4302) over IPv4 for one SA in one direction. {@link #seal} inserts the AH header right
 * after the IPv4 header of a packet (transport-style; for tunnel mode the caller first wraps the
 * packet in its outer header), {@link #open} verifies and removes it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Header   |  Payload Len  |          RESERVED             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Security Parameters Index (SPI)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Sequence Number Field                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Integrity Check Value-ICV (variable)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The ICV covers the IPv4 header with its mutable fields zeroed (RFC 4302 §3.3.3.1.1.1: TOS,
 * flags, fragment offset, TTL, checksum, and every option not listed as immutable), the AH header
 * with a zero ICV, and the rest of the packet. Not thread-safe.
 */
public final class AhTransform {
    /** Next Header, Payload Len, Reserved, SPI, Sequence Number. */
    public static final int FIXED = 12;

    private final long spi;
    private final Integrity integrity;

    public AhTransform(long spi, IntegrityAlgorithm algorithm, byte[] key) {
        this.spi = spi;
        this.integrity = new Integrity(Objects.requireNonNull(algorithm, "algorithm"), key);
    }

    public long spi() {
        return spi;
    }

    /** AH header length; every ICV length here keeps it a multiple of 32 bits (RFC 4302 §2.2 for IPv4). */
    public int headerLength() {
        return FIXED + integrity.icvLength();
    }

    /** The IPv4 packet {@code p[off..off+len)} with an AH header after its IP header. */
    public byte[] seal(long seq, byte[] p, int off, int len) throws BadPacket {
        int total = Ipv4.check(p, off, len);
        int ihl = Ipv4.headerLength(p, off);
        int ah = headerLength();
        if (total + ah > Ipv4.MAX_PACKET) {
            throw new BadPacket(BadPacket.Reason.UNSUPPORTED, "packet too long for AH");
        }
        byte[] out = new byte[total + ah];
        System.arraycopy(p, off, out, 0, ihl);
        System.arraycopy(p, off + ihl, out, ihl + ah, total - ihl);
        out[ihl] = (byte) Ipv4.protocol(p, off);
        // RFC 4302 §2.2: Payload Len is the AH length in 32-bit words, minus 2
        out[ihl + 1] = (byte) (ah / 4 - 2);
        EspTransform.putInt(out, ihl + 4, spi);
        EspTransform.putInt(out, ihl + 8, seq);
        Ipv4.setProtocol(out, 0, Ipv4.PROTO_AH);
        Ipv4.setTotalLength(out, 0, total + ah);
        mac(out, ihl);
        integrity.finish(out, ihl + FIXED);
        Ipv4.fillChecksum(out, 0);
        return out;
    }

    /**
     * Verifies the AH header after the IPv4 header of {@code p[off..off+len)} and returns the
     * packet without it.
     */
    public Opened open(byte[] p, int off, int len, ReplayWindow window) throws BadPacket {
        int total = Ipv4.check(p, off, len);
        int ihl = Ipv4.headerLength(p, off);
        if (Ipv4.protocol(p, off) != Ipv4.PROTO_AH) {
            throw new BadPacket(BadPacket.Reason.MALFORMED, "not an AH packet");
        }
        int ah = headerLength();
        if (total < ihl + ah) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "AH packet of " + total + " bytes");
        }
        if (((p[off + ihl + 1] & 0xff) + 2) * 4 != ah) {
            throw new BadPacket(BadPacket.Reason.MALFORMED, "AH length " + (((p[off + ihl + 1] & 0xff) + 2) * 4)
                    + ", expected " + ah);
        }
        long gotSpi = EspTransform.getInt(p, off + ihl + 4);
        if (gotSpi != spi) {
            throw new BadPacket(BadPacket.Reason.MALFORMED, "SPI " + Long.toHexString(gotSpi) + " is not ours");
        }
        long seq = EspTransform.getInt(p, off + ihl + 8);
        if (window != null) {
            window.check(seq);
        }
        byte[] copy = java.util.Arrays.copyOfRange(p, off, off + total);
        byte[] icv = java.util.Arrays.copyOfRange(copy, ihl + FIXED, ihl + ah);
        mac(copy, ihl);
        if (!integrity.finishAndVerify(icv, 0)) {
            throw new BadPacket(BadPacket.Reason.AUTHENTICATION, "AH ICV mismatch, SPI " + Long.toHexString(spi));
        }
        if (window != null) {
            window.update(seq);
        }
        int next = p[off + ihl] & 0xff;
        byte[] out = new byte[total - ah];
        System.arraycopy(p, off, out, 0, ihl);
        System.arraycopy(p, off + ihl + ah, out, ihl, total - ihl - ah);
        Ipv4.setProtocol(out, 0, next);
        Ipv4.setTotalLength(out, 0, out.length);
        Ipv4.fillChecksum(out, 0);
        return new Opened(seq, next, out);
    }

    /** An opened AH packet: the IPv4 packet without AH, its protocol the AH's Next Header. */
    public record Opened(long seq, int nextHeader, byte[] packet) {
    }

    /**
     * Feeds the ICV input to the MAC: {@code pkt} is the whole packet with AH at {@code ihl};
     * mutable header fields and the ICV are zeroed in a copy of the header.
     */
    private void mac(byte[] pkt, int ihl) throws BadPacket {
        byte[] hdr = java.util.Arrays.copyOf(pkt, ihl);
        hdr[1] = 0;             // TOS (DSCP, ECN)
        hdr[6] = 0;             // flags
        hdr[7] = 0;             // fragment offset
        hdr[8] = 0;             // TTL
        hdr[10] = 0;            // checksum
        hdr[11] = 0;
        zeroMutableOptions(hdr);
        integrity.update(hdr, 0, ihl);
        integrity.update(pkt, ihl, FIXED);
        integrity.update(new byte[integrity.icvLength()], 0, integrity.icvLength());
        int rest = ihl + headerLength();
        integrity.update(pkt, rest, pkt.length - rest);
    }

    /** RFC 4302 §3.3.3.1.1.2: a mutable option is zeroed whole; the immutable ones are listed. */
    private static void zeroMutableOptions(byte[] hdr) throws BadPacket {
        int i = Ipv4.MIN_HEADER;
        while (i < hdr.length) {
            int type = hdr[i] & 0xff;
            if (type == 0) {
                return; // End of Option List: the rest is padding, immutable
            }
            if (type == 1) {
                i++;
                continue;
            }
            if (i + 1 >= hdr.length) {
                throw new BadPacket(BadPacket.Reason.MALFORMED, "IPv4 option without length");
            }
            int olen = hdr[i + 1] & 0xff;
            if (olen < 2 || i + olen > hdr.length) {
                throw new BadPacket(BadPacket.Reason.MALFORMED, "IPv4 option length " + olen);
            }
            // immutable: Security 130, Extended Security 133, Commercial Security 134,
            // Router Alert 148, Sender Directed Multi-Destination Delivery 149
            boolean immutable = type == 130 || type == 133 || type == 134 || type == 148 || type == 149;
            if (!immutable) {
                java.util.Arrays.fill(hdr, i, i + olen, (byte) 0);
            }
            i += olen;
        }
    }

    /** The SPI of the AH header after the IPv4 header at {@code off}, or -1 when too short. */
    public static long spiOf(byte[] p, int off, int len) {
        int ihl = Ipv4.headerLength(p, off);
        return len < ihl + FIXED ? -1 : EspTransform.getInt(p, off + ihl + 4);
    }
}
