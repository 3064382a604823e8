package org.jswan.ike.wire;

/**
 * Signature payload body, RFC 2408 §3.12.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                                                               !
 * ~                         Signature Data                        ~
 * !                                                               !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The whole body is the value; any length (including 0) frames correctly, and whether it is
 * acceptable is for the engine to say.
 */
public final class SigPayloadCodec {
    private SigPayloadCodec() {
    }

    public static SigPayload decode(WireReader body) {
        return new SigPayload(body.rest());
    }

    public static void encode(SigPayload p, WireWriter w) {
        w.bytes(p.signature());
    }
}
