package org.jswan.ike.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;

/**
 * Raw CBC encryption and decryption without padding, through SunJCE. Padding and the IKEv1 IV
 * chain are {@link Phase1Crypto}'s business.
 */
public final class IkeCipher {
    private IkeCipher() {
    }

    /**
     * CBC-encrypts {@code plaintext}, whose length must be a multiple of the block size.
     *
     * @throws IllegalArgumentException on a bad key length, a weak 3DES key, an IV that is not one
     *     block, or input that is not whole blocks
     */
    public static Bytes encrypt(EncryptionAlgorithm alg, Secret key, Bytes iv, Bytes plaintext) {
        return run(Cipher.ENCRYPT_MODE, alg, key, iv, plaintext);
    }

    /**
     * CBC-decrypts {@code ciphertext}, whose length must be a multiple of the block size.
     *
     * @throws IllegalArgumentException as {@link #encrypt}
     */
    public static Bytes decrypt(EncryptionAlgorithm alg, Secret key, Bytes iv, Bytes ciphertext) {
        return run(Cipher.DECRYPT_MODE, alg, key, iv, ciphertext);
    }

    private static Bytes run(int mode, EncryptionAlgorithm alg, Secret key, Bytes iv, Bytes input) {
        int block = alg.blockSize();
        if (!alg.keyLengthValid(key.length() * 8)) {
            throw new IllegalArgumentException(alg + ": key of " + key.length() * 8 + " bits");
        }
        if (iv.length() != block) {
            throw new IllegalArgumentException(alg + ": IV of " + iv.length() + " bytes, block is " + block);
        }
        if (input.length() % block != 0) {
            throw new IllegalArgumentException(alg + ": " + input.length()
                    + " bytes is not a whole number of " + block + "-byte blocks");
        }
        if (alg.isWeakKey(key)) {
            throw new IllegalArgumentException(alg + ": weak key (K1 = K2 or K2 = K3)");
        }
        if (input.isEmpty()) {
            return Bytes.EMPTY;
        }
        byte[] k = key.expose();
        try {
            Cipher c = Jca.cipher(alg.jcaTransformation());
            c.init(mode, new SecretKeySpec(k, alg.jcaKeyAlgorithm()), new IvParameterSpec(iv.toArray()));
            return Bytes.copyOf(c.doFinal(input.toArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg + " failed", e);
        } finally {
            Jca.wipe(k);
        }
    }
}
