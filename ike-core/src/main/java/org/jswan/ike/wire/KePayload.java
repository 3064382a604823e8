package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Key Exchange payload (RFC 2408 §3.7).
 *
 * @param keyData the Diffie-Hellman public value g^x (RFC 2409 §5), as many bytes as the group's prime (or curve point); the codec does not check that length, the engine does (INVALID_KEY_INFORMATION)
 */
public record KePayload(Bytes keyData) implements Payload {
    public KePayload {
        Check.bytes(keyData, "keyData", Check.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.KE.value();
    }

    @Override
    public String toString() {
        return "KePayload[" + keyData.length() + " bytes]";
    }
}
