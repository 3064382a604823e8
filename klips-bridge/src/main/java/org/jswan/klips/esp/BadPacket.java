package org.jswan.klips.esp;

import java.util.Objects;

/**
 * A packet a transform refuses, with the reason the datapath counts it under. Thrown once per bad
 * packet, so it carries no stack trace.
 */
public final class BadPacket extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a packet was refused; each has a counter in the datapath. */
    public enum Reason {
        /** Shorter than its headers, or a length field disagrees with the bytes present. */
        TRUNCATED,
        /** Not a packet of the expected version or protocol. */
        MALFORMED,
        /** RFC 4303 §3.4.3: sequence number 0, duplicate, or left of the window. */
        REPLAY,
        /** The ICV does not match. */
        AUTHENTICATION,
        /** Ciphertext not a multiple of the block size. */
        BLOCK_SIZE,
        /** RFC 4303 §2.4: pad length beyond the payload, or padding not 1, 2, 3, ... */
        PADDING,
        /** RFC 3173: the compressed payload does not inflate, or inflates beyond an IP packet. */
        DECOMPRESSION,
        /** RFC 4303 §3.3.3: the sequence counter would cycle; the SA must be rekeyed. */
        SEQUENCE_EXHAUSTED,
        /** Something the transform does not handle (IPv4 options it cannot classify, ...). */
        UNSUPPORTED
    }

    private final Reason reason;

    public BadPacket(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason.name().toLowerCase() + ": " + getMessage();
    }
}
