package org.jswan.ike.engine;

import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.crypto.RsaSignatures;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.wire.NotifyType;

/**
 * Main Mode with RSA signatures (RFC 2409 §5.1): SIG_I / SIG_R are PKCS#1 v1.5 block type 1
 * signatures of HASH_I / HASH_R without DigestInfo ({@link RsaSignatures}). These run as crypto
 * jobs (≈ 1 ms each), never on the loop thread.
 */
final class RsaAuth {
    private RsaAuth() {
    }

    /** The outcome of checking a signature against every key we know for the peer's id. */
    record Check(boolean ok, NotifyType failure, String detail) {
    }

    static Bytes sign(RsaPrivateKey key, Bytes hash) {
        return RsaSignatures.sign(key, hash);
    }

    /** Tries each key; pluto's text on failure: "Signature check (on X) failed (wrong key?); tried *K1 *K2". */
    static Check verify(List<RsaPublicKey> keys, Bytes hash, Bytes sig, String peer) {
        StringBuilder tried = new StringBuilder();
        NotifyType failure = NotifyType.INVALID_KEY_INFORMATION;
        String why = "";
        for (RsaPublicKey k : keys) {
            RsaSignatures.Verdict v = RsaSignatures.verify(k, hash, sig);
            if (v.ok()) {
                return new Check(true, null, "authenticated using RSA with *" + k.keyId());
            }
            failure = v.notifyType();
            why = v.diagnostic();
            tried.append(" *").append(k.keyId());
        }
        return new Check(false, failure, "Signature check (on " + peer + ") failed (wrong key?); tried" + tried
                + (keys.size() == 1 ? " (" + why + ")" : ""));
    }
}
