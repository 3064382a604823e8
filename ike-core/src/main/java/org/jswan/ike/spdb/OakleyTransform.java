package org.jswan.ike.spdb;

import java.time.Duration;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.EncryptionAlgorithm;
import org.jswan.ike.crypto.HashAlgorithm;

/**
 * One Phase 1 transform: cipher (and key length in bits), hash, authentication method
 * (Oakley value: 1 pre-shared key, 3 RSA signature), group and lifetime.
 */
public record OakleyTransform(EncryptionAlgorithm encryption, int keyBits, HashAlgorithm hash, int authMethod,
                              DhGroup group, Duration lifetime) {
    public static final int AUTH_PSK = 1;
    public static final int AUTH_RSA_SIG = 3;

    /** Short form used in logs and summaries, e.g. {@code AES_CBC_256-SHA2_256-MODP2048}. */
    public String label() {
        String enc = encryption == EncryptionAlgorithm.AES_CBC ? "AES_CBC_" + keyBits : "3DES_CBC";
        return enc + "-" + hashLabel(hash) + "-" + group.name();
    }

    static String hashLabel(HashAlgorithm h) {
        return h.name();
    }

    public OakleyTransform withLifetime(Duration d) {
        return new OakleyTransform(encryption, keyBits, hash, authMethod, group, d);
    }
}
