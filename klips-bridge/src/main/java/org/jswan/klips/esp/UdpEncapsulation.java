package org.jswan.klips.esp;

/**
 * UDP encapsulation of ESP (RFC 3948): on the NAT-T port a datagram carries either ESP (its first
 * four bytes are the non-zero SPI), IKE behind the 4-byte non-ESP marker, or a one-byte NAT
 * keepalive.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Source Port            |      Destination Port         |
 * |           Length              |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      ESP header [RFC4303]                     |
 * ~                                                               ~
 * </pre>
 */
public final class UdpEncapsulation {
    /** RFC 3948 §2.1 / RFC 3947: the NAT-T port. */
    public static final int PORT = 4500;
    public static final int UDP_HEADER = 8;
    /** RFC 3948 §2.2: four zero bytes where ESP has its SPI. */
    public static final int NON_ESP_MARKER_LENGTH = 4;
    /** RFC 3948 §2.3: the one byte of a NAT-keepalive. */
    public static final int KEEPALIVE_BYTE = 0xff;

    /** What one datagram on the NAT-T port is. */
    public enum Kind {
        /** ESP: the kernel's. */
        ESP,
        /** IKE after the non-ESP marker: pluto's. */
        IKE,
        /** A NAT-keepalive: ignored by the receiver (RFC 3948 §2.3). */
        KEEPALIVE,
        /** Too short to be any of these. */
        INVALID
    }

    private UdpEncapsulation() {
    }

    /** Classifies the UDP payload {@code p[off..off+len)}. */
    public static Kind classify(byte[] p, int off, int len) {
        if (len == 1 && (p[off] & 0xff) == KEEPALIVE_BYTE) {
            return Kind.KEEPALIVE;
        }
        if (len >= NON_ESP_MARKER_LENGTH && p[off] == 0 && p[off + 1] == 0 && p[off + 2] == 0 && p[off + 3] == 0) {
            return Kind.IKE;
        }
        // an ESP header is at least SPI and sequence number
        return len >= EspTransform.HEADER ? Kind.ESP : Kind.INVALID;
    }

    /**
     * A UDP datagram (header and payload) carrying the ESP packet {@code esp[off..off+len)}; the
     * checksum is zero (RFC 3948 §2.1: SHOULD be transmitted as zero for IPv4).
     */
    public static byte[] frame(int srcPort, int dstPort, byte[] esp, int off, int len) {
        byte[] out = new byte[UDP_HEADER + len];
        Ipv4.putU16(out, 0, srcPort);
        Ipv4.putU16(out, 2, dstPort);
        Ipv4.putU16(out, 4, UDP_HEADER + len);
        System.arraycopy(esp, off, out, UDP_HEADER, len);
        return out;
    }

    /** The IKE message behind the non-ESP marker, as a UDP payload. */
    public static byte[] ike(byte[] isakmp) {
        byte[] out = new byte[NON_ESP_MARKER_LENGTH + isakmp.length];
        System.arraycopy(isakmp, 0, out, NON_ESP_MARKER_LENGTH, isakmp.length);
        return out;
    }

    /** A NAT-keepalive payload. */
    public static byte[] keepalive() {
        return new byte[] {(byte) KEEPALIVE_BYTE};
    }

    /**
     * The UDP payload of the datagram {@code udp[off..off+len)} (UDP header first), checking the
     * UDP length field.
     */
    public static byte[] payload(byte[] udp, int off, int len) throws BadPacket {
        if (len < UDP_HEADER) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "UDP datagram of " + len + " bytes");
        }
        int ulen = Ipv4.u16(udp, off + 4);
        if (ulen < UDP_HEADER || ulen > len) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "UDP length " + ulen + ", " + len + " bytes present");
        }
        return java.util.Arrays.copyOfRange(udp, off + UDP_HEADER, off + ulen);
    }

    public static int sourcePort(byte[] udp, int off) {
        return Ipv4.u16(udp, off);
    }

    public static int destinationPort(byte[] udp, int off) {
        return Ipv4.u16(udp, off + 2);
    }
}
