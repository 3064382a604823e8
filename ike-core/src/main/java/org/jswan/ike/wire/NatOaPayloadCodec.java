package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * NAT Original Address payload body, RFC 3947 §5.2 (also the draft-02/03 payload 131).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !    ID Type    !   RESERVED    !            RESERVED           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !           IPv4 (4 octets) or IPv6 address (16 octets)         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Faults are PAYLOAD_MALFORMED.
 */
public final class NatOaPayloadCodec {
    private NatOaPayloadCodec() {
    }

    public static NatOaPayload decode(int type, WireReader body) throws MalformedMessageException {
        int idType = body.u8("ID type");
        // RFC 3947 §5.2: "RESERVED: These fields are not used and MUST be set to 0."
        body.reserved(3, "RESERVED");
        Bytes address = body.rest();
        IdType t = IdType.fromValue(idType);
        // RFC 3947 §5.2: "The ID type MUST be either ID_IPV4_ADDR or ID_IPV6_ADDR."
        if (t != IdType.IPV4_ADDR && t != IdType.IPV6_ADDR) {
            throw body.error("NAT-OA ID type " + IdType.nameOf(idType) + " is neither IPV4_ADDR nor IPV6_ADDR");
        }
        if (address.length() != t.addressLength()) {
            throw body.error("NAT-OA " + t.name() + " address has " + address.length() + " bytes; it needs "
                    + t.addressLength());
        }
        return new NatOaPayload(type, idType, address);
    }

    public static void encode(NatOaPayload p, WireWriter w) {
        w.u8(p.idType()).zeros(3).bytes(p.address());
    }
}
