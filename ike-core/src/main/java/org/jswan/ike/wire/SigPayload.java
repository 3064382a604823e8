package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Signature payload (RFC 2408 §3.12).
 *
 * @param signature the signature (RSA: as many bytes as the modulus)
 */
public record SigPayload(Bytes signature) implements Payload {
    public SigPayload {
        Check.bytes(signature, "signature", Check.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.SIG.value();
    }

    @Override
    public String toString() {
        return "SigPayload[" + signature.length() + " bytes]";
    }
}
