package org.jswan.ike.wire;

/**
 * Certificate payload body, RFC 2408 §3.9.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Cert Encoding !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                       Certificate Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class CertPayloadCodec {
    private CertPayloadCodec() {
    }

    public static CertPayload decode(WireReader body) throws MalformedMessageException {
        int encoding = body.u8("certificate encoding");
        return new CertPayload(encoding, body.rest());
    }

    public static void encode(CertPayload p, WireWriter w) {
        w.u8(p.encoding()).bytes(p.data());
    }
}
