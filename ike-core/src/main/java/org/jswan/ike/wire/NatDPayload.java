package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A NAT Discovery payload (RFC 3947 §3.2), under its RFC number 20 or the draft number 130.
 *
 * @param type {@link PayloadType#NAT_D} or {@link PayloadType#NAT_D_DRAFT}
 * @param hash HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash
 */
public record NatDPayload(int type, Bytes hash) implements Payload {
    public NatDPayload {
        if (type != PayloadType.NAT_D.value() && type != PayloadType.NAT_D_DRAFT.value()) {
            throw new IllegalArgumentException("payload type " + type + " is not NAT-D (20 or 130)");
        }
        Check.bytes(hash, "hash", Check.MAX_BODY);
    }

    /** An RFC 3947 NAT-D (type 20). */
    public static NatDPayload of(Bytes hash) {
        return new NatDPayload(PayloadType.NAT_D.value(), hash);
    }

    @Override
    public String toString() {
        return "NatDPayload[" + PayloadType.nameOf(type) + ", " + hash + "]";
    }
}
