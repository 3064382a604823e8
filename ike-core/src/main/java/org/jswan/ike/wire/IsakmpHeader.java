package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * The ISAKMP header (RFC 2408 §3.1).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Initiator                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Responder                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Message ID                           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                            Length                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param initiatorCookie 8 bytes
 * @param responderCookie 8 bytes (zero in a first message)
 * @param nextPayload     type of the first payload ({@link PayloadType})
 * @param majorVersion    1 for IKEv1
 * @param minorVersion    0
 * @param exchangeType    {@link ExchangeType} value (not checked here: the engine answers
 *                        UNSUPPORTED_EXCHANGE_TYPE / INVALID_EXCHANGE_TYPE)
 * @param flags           all 8 bits as received; reserved bits are kept (libreswan
 *                        ikev1-isakmp-reserved-flags: they must be ignored)
 * @param messageId       unsigned 32-bit Message ID
 * @param length          unsigned 32-bit total message length, header included
 */
public record IsakmpHeader(Bytes initiatorCookie, Bytes responderCookie, int nextPayload, int majorVersion,
        int minorVersion, int exchangeType, int flags, long messageId, long length) {
    public static final int LENGTH = 28;
    public static final int COOKIE_LENGTH = 8;
    public static final int FLAG_ENCRYPTION = 0x01;
    public static final int FLAG_COMMIT = 0x02;
    public static final int FLAG_AUTH_ONLY = 0x04;
    public static final int MAJOR_VERSION = 1;
    public static final int MINOR_VERSION = 0;

    public IsakmpHeader {
        cookie(initiatorCookie, "initiator cookie");
        cookie(responderCookie, "responder cookie");
        Check.u8(nextPayload, "next payload");
        if (majorVersion < 0 || majorVersion > 15 || minorVersion < 0 || minorVersion > 15) {
            throw new IllegalArgumentException("version " + majorVersion + "." + minorVersion + " does not fit 4+4 bits");
        }
        Check.u8(exchangeType, "exchange type");
        Check.u8(flags, "flags");
        Check.u32(messageId, "message ID");
        Check.u32(length, "length");
    }

    /**
     * A version 1.0 header with no payloads yet ({@code nextPayload} 0, length 28); encoding
     * the message fills both in.
     */
    public static IsakmpHeader of(Bytes initiatorCookie, Bytes responderCookie, int exchangeType, int flags,
            long messageId) {
        return new IsakmpHeader(initiatorCookie, responderCookie, PayloadType.NONE.value(), MAJOR_VERSION,
                MINOR_VERSION, exchangeType, flags, messageId, LENGTH);
    }

    private static void cookie(Bytes c, String what) {
        if (c == null || c.length() != COOKIE_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + COOKIE_LENGTH + " bytes");
        }
    }

    /**
     * Decodes the header of a received datagram (the whole ISAKMP message: for port 4500, after
     * the non-ESP marker) and checks it frames the datagram.
     *
     * @throws MalformedMessageException PAYLOAD_MALFORMED for fewer than 28 bytes,
     *         INVALID_MAJOR_VERSION / INVALID_MINOR_VERSION for anything but 1.0,
     *         UNEQUAL_PAYLOAD_LENGTHS when the Length field is not the datagram's size
     */
    public static IsakmpHeader decode(Bytes datagram) throws MalformedMessageException {
        int size = datagram.length();
        // RFC 2408 §3.1: the fixed header is 28 octets; nothing can be said of a shorter packet.
        if (size < LENGTH) {
            throw new MalformedMessageException(NotifyType.PAYLOAD_MALFORMED, "packet of " + size
                    + (size == 1 ? " byte" : " bytes") + " is too short for an ISAKMP header (" + LENGTH + " bytes)");
        }
        int version = datagram.get(17);
        int major = version >>> 4;
        int minor = version & 0x0f;
        // RFC 2408 §5.2: a major version the receiver does not speak is INVALID-MAJOR-VERSION.
        if (major != MAJOR_VERSION) {
            throw new MalformedMessageException(NotifyType.INVALID_MAJOR_VERSION, "ISAKMP major version " + major
                    + " is not supported (only " + MAJOR_VERSION + ")" + (major == 2 ? "; an IKEv2 message?" : ""));
        }
        // RFC 2408 §5.2: likewise a minor version above ours is INVALID-MINOR-VERSION.
        if (minor != MINOR_VERSION) {
            throw new MalformedMessageException(NotifyType.INVALID_MINOR_VERSION, "ISAKMP minor version " + minor
                    + " is not supported (only " + MINOR_VERSION + ")");
        }
        long length = datagram.getU32(24);
        // RFC 2408 §3.1: "Length (4 octets) - Length of total message (header + payloads) in octets."
        if (length != size) {
            throw new MalformedMessageException(NotifyType.UNEQUAL_PAYLOAD_LENGTHS,
                    "size (" + size + ") differs from size specified in ISAKMP HDR (" + length + ")");
        }
        return new IsakmpHeader(datagram.slice(0, 8), datagram.slice(8, 16), datagram.get(16), major, minor,
                datagram.get(18), datagram.get(19), datagram.getU32(20), length);
    }

    public Bytes encode() {
        WireWriter w = new WireWriter();
        encode(w);
        return w.toBytes();
    }

    void encode(WireWriter w) {
        w.bytes(initiatorCookie).bytes(responderCookie).u8(nextPayload).u8((majorVersion << 4) | minorVersion)
                .u8(exchangeType).u8(flags).u32(messageId).u32(length);
    }

    public IsakmpHeader withLength(long newLength) {
        return new IsakmpHeader(initiatorCookie, responderCookie, nextPayload, majorVersion, minorVersion,
                exchangeType, flags, messageId, newLength);
    }

    public IsakmpHeader withNextPayload(int newNextPayload) {
        return new IsakmpHeader(initiatorCookie, responderCookie, newNextPayload, majorVersion, minorVersion,
                exchangeType, flags, messageId, length);
    }

    public IsakmpHeader withFlags(int newFlags) {
        return new IsakmpHeader(initiatorCookie, responderCookie, nextPayload, majorVersion, minorVersion,
                exchangeType, newFlags, messageId, length);
    }

    public IsakmpHeader withResponderCookie(Bytes newResponderCookie) {
        return new IsakmpHeader(initiatorCookie, newResponderCookie, nextPayload, majorVersion, minorVersion,
                exchangeType, flags, messageId, length);
    }

    /** The E(ncryption) flag: the payloads after the header are encrypted (RFC 2408 §3.1). */
    public boolean encrypted() {
        return (flags & FLAG_ENCRYPTION) != 0;
    }

    /** The C(ommit) flag (RFC 2408 §3.1); pluto ignores it. */
    public boolean commit() {
        return (flags & FLAG_COMMIT) != 0;
    }

    /** The A(uthentication only) flag (RFC 2408 §3.1). */
    public boolean authOnly() {
        return (flags & FLAG_AUTH_ONLY) != 0;
    }

    /** Flag bits RFC 2408 §3.1 does not define (kept, never an error). */
    public int reservedFlags() {
        return flags & ~(FLAG_ENCRYPTION | FLAG_COMMIT | FLAG_AUTH_ONLY);
    }
}
