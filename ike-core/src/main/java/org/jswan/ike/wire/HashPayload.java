package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Hash payload (RFC 2408 §3.11).
 *
 * @param hash the PRF output (HASH_I, HASH_R, HASH(1..3)); its length is checked by the engine
 */
public record HashPayload(Bytes hash) implements Payload {
    public HashPayload {
        Check.bytes(hash, "hash", Check.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.HASH.value();
    }

    @Override
    public String toString() {
        return "HashPayload[" + hash.length() + " bytes]";
    }
}
