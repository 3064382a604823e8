package org.jswan.ike.wire;

/**
 * Nonce payload body, RFC 2408 §3.13.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                                                               !
 * ~                           Nonce Data                          ~
 * !                                                               !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The whole body is the value; any length (including 0) frames correctly, and whether it is
 * acceptable is for the engine to say.
 */
public final class NoncePayloadCodec {
    private NoncePayloadCodec() {
    }

    public static NoncePayload decode(WireReader body) {
        return new NoncePayload(body.rest());
    }

    public static void encode(NoncePayload p, WireWriter w) {
        w.bytes(p.nonce());
    }
}
