package org.jswan.ike.crypto;

import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;

/**
 * The IKEv1 pseudo-random function {@code prf(key, msg)}: HMAC (RFC 2104) over one
 * {@link HashAlgorithm}. Obtain it with {@link HashAlgorithm#prf()}; it is immutable and
 * thread-safe (each call takes its own JCA {@code Mac}).
 *
 * <p>The methods differ only in which arguments and which result are secret. Data arguments are
 * concatenated in order. Whenever a secret goes in as key or data and the result is itself key
 * material, the result is a {@link Secret}; a result that goes on the wire (a HASH payload) is
 * {@link Bytes}.
 */
public final class Prf {
    private final HashAlgorithm hash;

    Prf(HashAlgorithm hash) {
        this.hash = hash;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** Output length in bytes. */
    public int outputLength() {
        return hash.outputLength();
    }

    /** prf(key, data...) with a public key, e.g. a test vector or the nonces of RFC 2409 §5. */
    public Bytes mac(Bytes key, Bytes... data) {
        return Bytes.copyOf(compute(key.toArray(), data));
    }

    /** prf(key, data...) whose result is public: HASH_I, HASH_R, HASH(1..3). */
    public Bytes mac(Secret key, Bytes... data) {
        byte[] k = key.expose();
        try {
            return Bytes.copyOf(compute(k, data));
        } finally {
            Jca.wipe(k);
        }
    }

    /** prf(key, data...) whose result is key material, e.g. SKEYID = prf(pre-shared-key, Ni_b | Nr_b). */
    public Secret macSecret(Secret key, Bytes... data) {
        byte[] k = key.expose();
        try {
            return keep(compute(k, data));
        } finally {
            Jca.wipe(k);
        }
    }

    /** prf(key, secretData) with a public key, e.g. SKEYID = prf(Ni_b | Nr_b, g^xy). */
    public Secret macSecret(Bytes key, Secret data) {
        byte[] d = data.expose();
        try {
            return keep(compute(key.toArray(), new byte[][] {d}));
        } finally {
            Jca.wipe(d);
        }
    }

    /** prf(key, firstData | moreData...), e.g. SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0). */
    public Secret macSecretWith(Secret key, Secret firstData, Bytes... moreData) {
        byte[] k = key.expose();
        byte[] d1 = firstData.expose();
        try {
            return keep(compute(k, d1, null, moreData));
        } finally {
            Jca.wipe(k, d1);
        }
    }

    /**
     * prf(key, firstData | secondData | moreData...), e.g. SKEYID_a = prf(SKEYID, SKEYID_d | g^xy |
     * CKY-I | CKY-R | 1).
     */
    public Secret macSecretWith(Secret key, Secret firstData, Secret secondData, Bytes... moreData) {
        byte[] k = key.expose();
        byte[] d1 = firstData.expose();
        byte[] d2 = secondData.expose();
        try {
            return keep(compute(k, d1, d2, moreData));
        } finally {
            Jca.wipe(k, d1, d2);
        }
    }

    private byte[] compute(byte[] key, Bytes[] data) {
        return compute(key, null, null, data);
    }

    private byte[] compute(byte[] key, byte[][] secretData) {
        Mac mac = init(key);
        for (byte[] d : secretData) {
            mac.update(d);
        }
        return mac.doFinal();
    }

    private byte[] compute(byte[] key, byte[] first, byte[] second, Bytes[] data) {
        Mac mac = init(key);
        if (first != null) {
            mac.update(first);
        }
        if (second != null) {
            mac.update(second);
        }
        for (Bytes d : data) {
            mac.update(d.asReadOnlyBuffer());
        }
        return mac.doFinal();
    }

    private Mac init(byte[] key) {
        Mac mac = Jca.mac(hash.jcaHmac());
        // RFC 2104 pads the key with zeros to the block size, so the empty key and a single zero
        // byte give the same HMAC; SecretKeySpec refuses empty keys, hence the substitution.
        byte[] k = key.length == 0 ? new byte[1] : key;
        try {
            mac.init(new SecretKeySpec(k, hash.jcaHmac()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(hash.jcaHmac() + " refused a " + key.length + "-byte key", e);
        }
        return mac;
    }

    private static Secret keep(byte[] out) {
        try {
            return Secret.copyOf(out);
        } finally {
            Jca.wipe(out);
        }
    }

    @Override
    public String toString() {
        return "prf HMAC-" + hash;
    }
}
