package org.jswan.ike.wire;

/**
 * Transform payload body, RFC 2408 §3.6 (the generic header is read by the proposal).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Transform #  !  Transform-Id !           RESERVED2           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        SA Attributes                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Faults are BAD_PROPOSAL_SYNTAX, as pluto reports any unparsable piece of an SA body.
 */
public final class TransformPayloadCodec {
    private TransformPayloadCodec() {
    }

    public static TransformPayload decode(WireReader body) throws MalformedMessageException {
        int number = body.u8("transform number");
        int id = body.u8("transform ID");
        // RFC 2408 §3.6: "RESERVED2 (2 octets) - Unused, set to 0."
        body.reserved(2, "RESERVED2");
        return new TransformPayload(number, id, SaAttributeCodec.decodeAll(body));
    }

    public static void encode(TransformPayload t, WireWriter w) {
        w.u8(t.number()).u8(t.transformId()).u16(0);
        SaAttributeCodec.encodeAll(t.attributes(), w);
    }
}
