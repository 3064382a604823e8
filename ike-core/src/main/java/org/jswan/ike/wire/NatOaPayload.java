package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;

/**
 * A NAT Original Address payload (RFC 3947 §5.2), under its RFC number 21 or the draft number 131.
 *
 * @param type    {@link PayloadType#NAT_OA} or {@link PayloadType#NAT_OA_DRAFT}
 * @param idType  {@link IdType#IPV4_ADDR} or {@link IdType#IPV6_ADDR}
 * @param address the original address: 4 or 16 bytes
 */
public record NatOaPayload(int type, int idType, Bytes address) implements Payload {
    public NatOaPayload {
        if (type != PayloadType.NAT_OA.value() && type != PayloadType.NAT_OA_DRAFT.value()) {
            throw new IllegalArgumentException("payload type " + type + " is not NAT-OA (21 or 131)");
        }
        Check.u8(idType, "ID type");
        Check.bytes(address, "address", Check.MAX_BODY - 4);
    }

    /** An RFC 3947 NAT-OA (type 21) for {@code a}. */
    public static NatOaPayload of(IpAddress a) {
        return new NatOaPayload(PayloadType.NAT_OA.value(),
                a.isV4() ? IdType.IPV4_ADDR.value() : IdType.IPV6_ADDR.value(), a.bytes());
    }

    /** The address (the decoder has checked it has the length its ID type says). */
    public IpAddress ipAddress() {
        return new IpAddress(address);
    }
}
