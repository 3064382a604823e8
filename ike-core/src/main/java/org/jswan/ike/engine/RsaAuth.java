package org.jswan.ike.engine;

import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.wire.NotifyType;

/**
 * Main Mode with RSA signatures (RFC 2409 §5.1): SIG_I / SIG_R are PKCS#1 v1.5 block type 1
 * signatures of HASH_I / HASH_R without DigestInfo. These run as crypto jobs (≈ 1 ms each).
 */
final class RsaAuth {
    private RsaAuth() {
    }

    /** The outcome of checking a signature against every key we know for the peer's id. */
    record Check(boolean ok, NotifyType failure, String detail) {
    }

    static Bytes sign(RsaPrivateKey key, Bytes hash) {
        // interim until the crypto package's RsaSignatures lands: m^d mod n over the exact block
        int k = (key.n().bitLength() + 7) / 8;
        java.math.BigInteger s = new java.math.BigInteger(1, block(k, hash).toArray()).modPow(key.d(), key.n());
        return pad(s, k);
    }

    private static Bytes block(int k, Bytes hash) {
        byte[] b = new byte[k];
        b[1] = 1;
        for (int i = 2; i < k - hash.length() - 1; i++) {
            b[i] = (byte) 0xff;
        }
        hash.copyTo(b, k - hash.length());
        return Bytes.copyOf(b);
    }

    private static Bytes pad(java.math.BigInteger v, int k) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[k];
        int n = Math.min(raw.length, k);
        System.arraycopy(raw, raw.length - n, out, k - n, n);
        return Bytes.copyOf(out);
    }

    /** Tries each key; pluto's text on failure: "Signature check (on X) failed (wrong key?); tried *K1 *K2". */
    static Check verify(List<RsaPublicKey> keys, Bytes hash, Bytes sig, String peer) {
        StringBuilder tried = new StringBuilder();
        NotifyType worst = NotifyType.INVALID_KEY_INFORMATION;
        for (RsaPublicKey k : keys) {
            int len = (k.n().bitLength() + 7) / 8;
            java.math.BigInteger s = new java.math.BigInteger(1, sig.toArray());
            if (sig.length() == len && s.signum() > 0 && s.compareTo(k.n()) < 0
                    && pad(s.modPow(k.e(), k.n()), len).constantTimeEquals(block(len, hash))) {
                return new Check(true, null, "authenticated using RSA with *" + k.keyId());
            }
            tried.append(" *").append(k.keyId());
        }
        return new Check(false, worst, "Signature check (on " + peer + ") failed (wrong key?); tried" + tried);
    }
}
