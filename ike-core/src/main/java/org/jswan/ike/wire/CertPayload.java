package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Certificate payload (RFC 2408 §3.9).
 *
 * @param encoding {@link CertEncoding} value (e.g. X509_SIGNATURE 4)
 * @param data     the certificate data (e.g. a DER X.509 certificate)
 */
public record CertPayload(int encoding, Bytes data) implements Payload {
    public CertPayload {
        Check.u8(encoding, "certificate encoding");
        Check.bytes(data, "certificate data", Check.MAX_BODY - 1);
    }

    @Override
    public int type() {
        return PayloadType.CERT.value();
    }

    @Override
    public String toString() {
        return "CertPayload[" + CertEncoding.nameOf(encoding) + ", " + data.length() + " bytes]";
    }
}
