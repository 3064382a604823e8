package org.jswan.ike.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.wire.NotifyType;

/**
 * RSA signatures as IKEv1 makes them (RFC 2409 §5.1): HASH_I or HASH_R, the raw PRF output, is
 * padded as a PKCS#1 v1.5 block of type 1 (RFC 2313 §8.1) and raised to the private exponent.
 * There is no DigestInfo around the hash: IKEv1 signs the hash itself, whatever its length.
 *
 * <pre>
 *   EB = 00 || 01 || FF ... FF || 00 || HASH       |EB| = |n| octets, at least eight FF
 *   SIG = EB^d mod n, as |n| octets, big-endian
 * </pre>
 *
 * <p>Verification never parses the recovered block: it builds the one block that may be there,
 * {@code 00 01 FF…FF 00 ‖ HASH} at the key's length, and compares the two whole, in constant
 * time. Every lenient parse the field has known (block type 02, padding of any length or content,
 * trailing bytes after a short hash, a DigestInfo) is thereby refused by construction.
 *
 * <p>FreeS/WAN: {@code RSA_check_signature} accepted block type 01 or 02 and parsed the padding;
 * jswan: only the exact type-01 block, because lenient parses admit e = 3 forgeries
 * (CVE-2018-16151, CVE-2018-15836, CVE-2026-50721; security reference A0 row 2).
 *
 * <p>The private key arrives as {@link BigInteger}s ({@link RsaPrivateKey}); neither they nor the
 * intermediate values of a signing can be zeroised, because BigInteger is immutable and copies
 * its magnitude freely. The signed value is a PRF output no peer can choose, and the exponentiation
 * is not blinded; {@link BigInteger#modPow} is not constant-time.
 */
public final class RsaSignatures {
    /** RFC 2313 §8.1: the padding string of a type-01 block is at least eight octets. */
    public static final int MIN_PADDING = 8;
    /** The octets of a type-01 block besides the padding and the hash: 00, 01 and the 00 separator. */
    private static final int OVERHEAD = 3;

    private RsaSignatures() {
    }

    /** The outcome of {@link #verify}: OK, or the one reason the signature is refused. */
    public enum Verdict {
        /** The signature is the key's signature of this hash. */
        OK("SIG verified", null),
        /** The signature is not exactly as long as the modulus. */
        SIGNATURE_LENGTH("SIG length does not match public key length", NotifyType.INVALID_KEY_INFORMATION),
        /** The signature, as a number, is 0 or not below the modulus. */
        SIGNATURE_RANGE("SIG value is zero or not below the modulus", NotifyType.INVALID_KEY_INFORMATION),
        /** The recovered block is not {@code 00 01 FF…FF 00 ‖ HASH} (wrong key, hash or padding). */
        BAD_BLOCK("SIG does not match the PKCS#1 block expected for this hash",
                NotifyType.INVALID_HASH_INFORMATION);

        private final String diagnostic;
        private final NotifyType notify;

        Verdict(String diagnostic, NotifyType notify) {
            this.diagnostic = diagnostic;
            this.notify = notify;
        }

        public boolean ok() {
            return this == OK;
        }

        /** One line for the log; it contains no signature or key bytes. */
        public String diagnostic() {
            return diagnostic;
        }

        /**
         * The notification a refused signature calls for: INVALID_KEY_INFORMATION when the
         * signature cannot be a value for this key (length, range), INVALID_HASH_INFORMATION when
         * it decrypts to the wrong block.
         *
         * @throws IllegalStateException for {@link #OK}, which calls for none
         */
        public NotifyType notifyType() {
            if (notify == null) {
                throw new IllegalStateException("a verified signature has no notification");
            }
            return notify;
        }
    }

    /** Length of the modulus in octets: the length of every signature made with the key. */
    public static int signatureLength(RsaPublicKey key) {
        return octets(key.n());
    }

    /** The longest hash a key of this size can sign: |n| less 3 octets and 8 of padding. */
    public static int maxHashLength(RsaPublicKey key) {
        return signatureLength(key) - OVERHEAD - MIN_PADDING;
    }

    /**
     * Signs {@code hash} (HASH_I or HASH_R) with the private key, using the CRT values, and
     * checks the result with the public key before handing it out: a fault during the CRT
     * computation would otherwise give away a factor of n (Boneh–DeMillo–Lipton).
     *
     * @return the signature, exactly {@link #signatureLength} octets
     * @throws IllegalArgumentException if the hash is empty or too long for the key
     * @throws IllegalStateException if the result does not verify (a fault, or a key whose CRT
     *     values do not belong to its modulus); nothing computed is returned then
     */
    public static Bytes sign(RsaPrivateKey key, Bytes hash) {
        RsaPublicKey pub = key.publicKey();
        int k = signatureLength(pub);
        if (hash.isEmpty() || hash.length() > maxHashLength(pub)) {
            throw new IllegalArgumentException("cannot sign a " + hash.length() + "-octet hash with a "
                    + key.bits() + "-bit RSA key (at most " + Math.max(0, maxHashLength(pub)) + " octets)");
        }
        byte[] block = typeOneBlock(k, hash);
        BigInteger m = new BigInteger(1, block);
        // RFC 8017 §5.1.2 (RSASP1, second form): s1 = m^dP mod p, s2 = m^dQ mod q,
        // h = qInv (s1 - s2) mod p, s = s2 + q h.
        BigInteger s1 = m.mod(key.p()).modPow(key.dP(), key.p());
        BigInteger s2 = m.mod(key.q()).modPow(key.dQ(), key.q());
        BigInteger h = key.qInv().multiply(s1.subtract(s2)).mod(key.p());
        BigInteger s = s2.add(key.q().multiply(h));
        // Fault-attack safety: s^e must give back m before s leaves this method.
        if (s.signum() <= 0 || s.compareTo(pub.n()) >= 0 || !s.modPow(pub.e(), pub.n()).equals(m)) {
            throw new IllegalStateException("RSA signature failed its own verification"
                    + " (computation fault or inconsistent private key)");
        }
        return Bytes.copyOf(fixedLength(s, k));
    }

    /**
     * Verifies {@code signature} over {@code hash} (HASH_I or HASH_R) with the public key:
     * length first, then range, then the whole recovered block against the expected one.
     * Never throws for any signature bytes or any positive key.
     */
    public static Verdict verify(RsaPublicKey key, Bytes hash, Bytes signature) {
        int k = signatureLength(key);
        if (signature.length() != k) {
            return Verdict.SIGNATURE_LENGTH;
        }
        BigInteger s = new BigInteger(1, signature.toArray());
        // RFC 8017 §5.2.2 (RSAVP1): the representative must lie in [0, n-1]; jswan also refuses 0
        // (CVE-2012-2388: an all-zero signature), which no key ever produces.
        if (s.signum() == 0 || s.compareTo(key.n()) >= 0) {
            return Verdict.SIGNATURE_RANGE;
        }
        if (hash.isEmpty() || hash.length() > maxHashLength(key)) {
            // No type-01 block of this key can hold this hash, so nothing can match it.
            return Verdict.BAD_BLOCK;
        }
        byte[] recovered = fixedLength(s.modPow(key.e(), key.n()), k);
        byte[] expected = typeOneBlock(k, hash);
        // Equal lengths (k), so MessageDigest.isEqual runs in time independent of the contents.
        return MessageDigest.isEqual(recovered, expected) ? Verdict.OK : Verdict.BAD_BLOCK;
    }

    /** {@code 00 01 FF…FF 00 ‖ hash}, {@code k} octets; the caller has checked the room. */
    private static byte[] typeOneBlock(int k, Bytes hash) {
        byte[] eb = new byte[k];
        int sep = k - hash.length() - 1;
        eb[1] = 0x01;
        Arrays.fill(eb, 2, sep, (byte) 0xff);
        eb[sep] = 0x00;
        hash.copyTo(eb, sep + 1);
        return eb;
    }

    private static int octets(BigInteger v) {
        return (v.bitLength() + 7) / 8;
    }

    /** {@code v} as exactly {@code k} big-endian octets; {@code v} is below 256^k. */
    private static byte[] fixedLength(BigInteger v, int k) {
        byte[] raw = v.toByteArray();
        if (raw.length == k) {
            return raw;
        }
        byte[] out = new byte[k];
        int skip = raw.length > k ? raw.length - k : 0;
        System.arraycopy(raw, skip, out, k - (raw.length - skip), raw.length - skip);
        return out;
    }
}
