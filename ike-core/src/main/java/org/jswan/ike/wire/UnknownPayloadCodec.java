package org.jswan.ike.wire;

/**
 * Body of a payload of unknown type: only the generic header (RFC 2408 §3.2) is understood, so
 * the body is kept raw.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       (opaque body)                           ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class UnknownPayloadCodec {
    private UnknownPayloadCodec() {
    }

    public static UnknownPayload decode(int type, WireReader body) {
        return new UnknownPayload(type, body.rest());
    }

    public static void encode(UnknownPayload p, WireWriter w) {
        w.bytes(p.body());
    }
}
