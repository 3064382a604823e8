package org.jswan.ike.crypto;

import org.jswan.ike.base.Secret;

/**
 * Block ciphers in CBC mode, keyed by the Oakley Encryption Algorithm attribute (RFC 2409
 * Appendix A, class 1) and the IPsec DOI ESP transform ID (RFC 2407 §4.4.4).
 *
 * <p>Each constant carries the names its number has in every registry it appears in, so a log
 * line, a proposal and a PF_KEY message all say the same thing.
 */
public enum EncryptionAlgorithm {
    /** 3DES-EDE in CBC mode, RFC 2451: three 64-bit DES keys, 64-bit blocks. */
    TRIPLE_DES_CBC(5, "OAKLEY_3DES_CBC", 3, "ESP_3DES", 3, "SADB_EALG_3DESCBC",
            "DESede", "DESede/CBC/NoPadding", 8, 192, new int[] {192}),
    /**
     * AES in CBC mode, RFC 3602; Oakley number from RFC 3602 §5. 128, 192 or 256-bit keys; a
     * transform without a Key Length attribute means 128.
     */
    AES_CBC(7, "OAKLEY_AES_CBC", 12, "ESP_AES", 12, "SADB_X_EALG_AESCBC",
            "AES", "AES/CBC/NoPadding", 16, 128, new int[] {128, 192, 256});

    private final int oakleyId;
    private final String oakleyName;
    private final int espId;
    private final String espName;
    private final int pfkeyId;
    private final String pfkeyName;
    private final String jcaKeyAlgorithm;
    private final String jcaTransformation;
    private final int blockSize;
    private final int defaultKeyBits;
    private final int[] keyBits;

    EncryptionAlgorithm(int oakleyId, String oakleyName, int espId, String espName, int pfkeyId,
            String pfkeyName, String jcaKeyAlgorithm, String jcaTransformation, int blockSize,
            int defaultKeyBits, int[] keyBits) {
        this.oakleyId = oakleyId;
        this.oakleyName = oakleyName;
        this.espId = espId;
        this.espName = espName;
        this.pfkeyId = pfkeyId;
        this.pfkeyName = pfkeyName;
        this.jcaKeyAlgorithm = jcaKeyAlgorithm;
        this.jcaTransformation = jcaTransformation;
        this.blockSize = blockSize;
        this.defaultKeyBits = defaultKeyBits;
        this.keyBits = keyBits;
    }

    /** Value of the Oakley ENCRYPTION_ALGORITHM attribute. */
    public int oakleyId() {
        return oakleyId;
    }

    /** Name as pluto prints it, e.g. {@code OAKLEY_3DES_CBC}. */
    public String oakleyName() {
        return oakleyName;
    }

    /** IPsec DOI ESP transform ID. */
    public int espId() {
        return espId;
    }

    public String espName() {
        return espName;
    }

    /** PF_KEY v2 encryption algorithm number (RFC 2367 / KLIPS). */
    public int pfkeyId() {
        return pfkeyId;
    }

    public String pfkeyName() {
        return pfkeyName;
    }

    /** JCA key algorithm, for {@code SecretKeySpec}. */
    public String jcaKeyAlgorithm() {
        return jcaKeyAlgorithm;
    }

    /** JCA transformation, for {@code Cipher.getInstance}. */
    public String jcaTransformation() {
        return jcaTransformation;
    }

    /** Block size in bytes, which is also the IV length. */
    public int blockSize() {
        return blockSize;
    }

    /** Whether a Key Length attribute of {@code bits} is acceptable for this cipher. */
    public boolean keyLengthValid(int bits) {
        for (int k : keyBits) {
            if (k == bits) {
                return true;
            }
        }
        return false;
    }

    /** Key length when the transform carries no Key Length attribute. */
    public int defaultKeyBits() {
        return defaultKeyBits;
    }

    /** True if the cipher takes a Key Length attribute (AES), false for fixed-size keys (3DES). */
    public boolean variableKeyLength() {
        return keyBits.length > 1;
    }

    /**
     * True if {@code key} is unusable for this cipher although its length is right. For 3DES
     * that is K1 = K2 or K2 = K3 (parity bits ignored): EDE then collapses to single DES. AES has
     * no weak keys.
     */
    // jswan: refuses the two equalities that collapse EDE to single DES, accepts K1 = K3 (keying
    // option 2) and does not test the DES weak keys of RFC 2451 §2.3 (odds ~2^-52 per subkey).
    public boolean isWeakKey(Secret key) {
        if (this != TRIPLE_DES_CBC) {
            return false;
        }
        byte[] k = key.expose();
        try {
            return k.length == 24 && (sameDesKey(k, 0, 8) || sameDesKey(k, 8, 16));
        } finally {
            Jca.wipe(k);
        }
    }

    private static boolean sameDesKey(byte[] k, int a, int b) {
        int diff = 0;
        for (int i = 0; i < 8; i++) {
            diff |= (k[a + i] ^ k[b + i]) & 0xfe; // the low bit of each DES key byte is parity
        }
        return diff == 0;
    }

    /** The algorithm with this Oakley number, or null if jswan does not implement it. */
    public static EncryptionAlgorithm fromOakley(int id) {
        for (EncryptionAlgorithm a : values()) {
            if (a.oakleyId == id) {
                return a;
            }
        }
        return null;
    }

    /** The algorithm with this ESP transform ID, or null if jswan does not implement it. */
    public static EncryptionAlgorithm fromEsp(int id) {
        for (EncryptionAlgorithm a : values()) {
            if (a.espId == id) {
                return a;
            }
        }
        return null;
    }
}
