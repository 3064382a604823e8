package org.jswan.ike.wire;

/**
 * Key Exchange payload body, RFC 2408 §3.7.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                                                               !
 * ~                       Key Exchange Data                       ~
 * !                                                               !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The whole body is the value; any length (including 0) frames correctly, and whether it is
 * acceptable is for the engine to say.
 */
public final class KePayloadCodec {
    private KePayloadCodec() {
    }

    public static KePayload decode(WireReader body) {
        return new KePayload(body.rest());
    }

    public static void encode(KePayload p, WireWriter w) {
        w.bytes(p.keyData());
    }
}
