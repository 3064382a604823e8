package org.jswan.ike.wire;

/**
 * NAT Discovery payload body, RFC 3947 §3.2 (also the draft-02/03 payload 130).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                 HASH of the address and port                  ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class NatDPayloadCodec {
    private NatDPayloadCodec() {
    }

    public static NatDPayload decode(int type, WireReader body) {
        return new NatDPayload(type, body.rest());
    }

    public static void encode(NatDPayload p, WireWriter w) {
        w.bytes(p.hash());
    }
}
