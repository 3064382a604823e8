package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Nonce payload (RFC 2408 §3.13).
 *
 * @param nonce the nonce; RFC 2409 §5 wants 8..256 bytes, which the engine checks
 */
public record NoncePayload(Bytes nonce) implements Payload {
    public NoncePayload {
        Check.bytes(nonce, "nonce", Check.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.NONCE.value();
    }

    @Override
    public String toString() {
        return "NoncePayload[" + nonce.length() + " bytes]";
    }
}
