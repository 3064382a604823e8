package org.jswan.ike.crypto;

import java.util.Objects;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;

/**
 * Encryption of ISAKMP message bodies under the ISAKMP SA (RFC 2408 §3.1 E flag, RFC 2409
 * Appendix B) and the CBC IV chain: the IV of the next message of an exchange is the last
 * ciphertext block of the previous one, in either direction.
 *
 * <p>The body is everything after the 28-byte ISAKMP header. Padding: the plaintext is padded
 * with zero bytes to a whole number of blocks, and not at all when it already is one.
 */
// FreeS/WAN: pads with zeros only up to the block size (encrypt_message, pad_up); jswan does the
// same. RFC 2409 gives no rule for ISAKMP padding, and charon adds a whole block of zeros when
// the body is already aligned, so decrypt() accepts any padding: the payload chain's own lengths
// say where the payloads end, and the padding is returned with them for the decoder to ignore.
public final class Phase1Crypto {
    private Phase1Crypto() {
    }

    /**
     * What came out of the cipher, and the IV for the exchange's next message (the last
     * ciphertext block).
     */
    public record Result(Bytes output, Bytes nextIv) {
        public Result {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(nextIv, "nextIv");
        }
    }

    /** {@code body} followed by zero bytes up to a multiple of {@code blockSize}. */
    public static Bytes pad(Bytes body, int blockSize) {
        int rest = body.length() % blockSize;
        return rest == 0 ? body : body.concat(Bytes.zeros(blockSize - rest));
    }

    /** Pads {@code body} with {@link #pad} and CBC-encrypts it with {@code iv}. */
    public static Result encrypt(EncryptionAlgorithm alg, Secret key, Bytes iv, Bytes body) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty body to encrypt");
        }
        Bytes ct = IkeCipher.encrypt(alg, key, iv, pad(body, alg.blockSize()));
        return new Result(ct, lastBlock(ct, alg));
    }

    /**
     * CBC-decrypts an encrypted body with {@code iv}; the plaintext still carries its padding.
     *
     * @throws IllegalArgumentException if the body is empty or not a whole number of blocks; the
     *     engine checks the length first and treats such a message as malformed
     */
    public static Result decrypt(EncryptionAlgorithm alg, Secret key, Bytes iv, Bytes body) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty encrypted body");
        }
        Bytes pt = IkeCipher.decrypt(alg, key, iv, body);
        return new Result(pt, lastBlock(body, alg));
    }

    /**
     * The last cipher block of {@code ciphertext}: the next IV, and for MM6 the "last Phase 1 CBC
     * block" that {@link Ikev1Kdf#phase2Iv} needs.
     */
    public static Bytes lastBlock(Bytes ciphertext, EncryptionAlgorithm alg) {
        int n = alg.blockSize();
        if (ciphertext.length() < n || ciphertext.length() % n != 0) {
            throw new IllegalArgumentException(ciphertext.length() + " bytes is not whole " + n + "-byte blocks");
        }
        return ciphertext.slice(ciphertext.length() - n);
    }
}
