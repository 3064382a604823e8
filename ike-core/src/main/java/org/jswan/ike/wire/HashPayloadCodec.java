package org.jswan.ike.wire;

/**
 * Hash payload body, RFC 2408 §3.11.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                                                               !
 * ~                           Hash Data                           ~
 * !                                                               !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The whole body is the value; any length (including 0) frames correctly, and whether it is
 * acceptable is for the engine to say.
 */
public final class HashPayloadCodec {
    private HashPayloadCodec() {
    }

    public static HashPayload decode(WireReader body) {
        return new HashPayload(body.rest());
    }

    public static void encode(HashPayload p, WireWriter w) {
        w.bytes(p.hash());
    }
}
