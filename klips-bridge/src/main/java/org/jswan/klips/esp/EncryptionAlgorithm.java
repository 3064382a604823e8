package org.jswan.klips.esp;

import java.util.Optional;

/**
 * ESP ciphers, keyed by their PF_KEYv2 number ({@code SADB_EALG_*}, RFC 2367 §3.5; AES from the
 * KLIPS/IANA extension), all CBC with an explicit per-packet IV.
 */
public enum EncryptionAlgorithm {
    /** RFC 2451: 3DES-EDE-CBC, 24-byte key (parity ignored), 8-byte blocks and IV. */
    TRIPLE_DES_CBC(3, "SADB_EALG_3DESCBC", "DESede", 8, new int[] {24}),
    /** RFC 3602: AES-CBC with a 128, 192 or 256-bit key, 16-byte blocks and IV. */
    AES_CBC(12, "SADB_X_EALG_AESCBC", "AES", 16, new int[] {16, 24, 32});

    private final int pfkeyId;
    private final String pfkeyName;
    private final String jcaName;
    private final int blockSize;
    private final int[] keyLengths;

    EncryptionAlgorithm(int pfkeyId, String pfkeyName, String jcaName, int blockSize, int[] keyLengths) {
        this.pfkeyId = pfkeyId;
        this.pfkeyName = pfkeyName;
        this.jcaName = jcaName;
        this.blockSize = blockSize;
        this.keyLengths = keyLengths;
    }

    public int pfkeyId() {
        return pfkeyId;
    }

    public String pfkeyName() {
        return pfkeyName;
    }

    /** The JCA key algorithm; the transformation is {@code jcaName + "/CBC/NoPadding"}. */
    public String jcaName() {
        return jcaName;
    }

    public int blockSize() {
        return blockSize;
    }

    /** CBC: the IV is one block. */
    public int ivLength() {
        return blockSize;
    }

    public boolean acceptsKeyLength(int bytes) {
        for (int k : keyLengths) {
            if (k == bytes) {
                return true;
            }
        }
        return false;
    }

    public static Optional<EncryptionAlgorithm> fromPfkey(int id) {
        for (EncryptionAlgorithm a : values()) {
            if (a.pfkeyId == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
