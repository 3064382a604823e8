package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Certificate Request payload (RFC 2408 §3.10).
 *
 * @param certType  {@link CertEncoding} value of the certificate wanted
 * @param authority the acceptable certificate authority (e.g. a DER distinguished name), may be empty
 */
public record CertReqPayload(int certType, Bytes authority) implements Payload {
    public CertReqPayload {
        Check.u8(certType, "certificate type");
        Check.bytes(authority, "certificate authority", Check.MAX_BODY - 1);
    }

    @Override
    public int type() {
        return PayloadType.CR.value();
    }
}
