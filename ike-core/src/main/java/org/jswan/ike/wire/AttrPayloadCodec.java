package org.jswan.ike.wire;

/**
 * Mode-config Attribute payload body (draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !     Type      !   RESERVED    !           Identifier          !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                           Attributes                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Faults are PAYLOAD_MALFORMED.
 */
public final class AttrPayloadCodec {
    private AttrPayloadCodec() {
    }

    public static AttrPayload decode(WireReader body) throws MalformedMessageException {
        int cfgType = body.u8("type");
        // draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2: "RESERVED ... MUST be zero".
        body.reserved(1, "RESERVED");
        int id = body.u16("identifier");
        return new AttrPayload(cfgType, id, SaAttributeCodec.decodeAll(body));
    }

    public static void encode(AttrPayload p, WireWriter w) {
        w.u8(p.cfgType()).u8(0).u16(p.identifier());
        SaAttributeCodec.encodeAll(p.attributes(), w);
    }
}
