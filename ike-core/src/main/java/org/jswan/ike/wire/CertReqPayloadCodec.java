package org.jswan.ike.wire;

/**
 * Certificate Request payload body, RFC 2408 §3.10.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Cert. Type   !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                    Certificate Authority                      ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class CertReqPayloadCodec {
    private CertReqPayloadCodec() {
    }

    public static CertReqPayload decode(WireReader body) throws MalformedMessageException {
        int certType = body.u8("certificate type");
        return new CertReqPayload(certType, body.rest());
    }

    public static void encode(CertReqPayload p, WireWriter w) {
        w.u8(p.certType()).bytes(p.authority());
    }
}
