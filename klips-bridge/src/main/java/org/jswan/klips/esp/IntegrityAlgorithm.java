package org.jswan.klips.esp;

import java.util.Optional;

/**
 * AH and ESP integrity algorithms, keyed by their PF_KEYv2 number ({@code SADB_AALG_*}): HMAC
 * truncated to {@link #icvLength()} bytes (RFC 2403, RFC 2404, RFC 4868).
 */
public enum IntegrityAlgorithm {
    /** RFC 2403. */
    HMAC_MD5_96(2, "SADB_AALG_MD5HMAC", "HmacMD5", 16, 12),
    /** RFC 2404. */
    HMAC_SHA1_96(3, "SADB_AALG_SHA1HMAC", "HmacSHA1", 20, 12),
    /** RFC 4868 §2.1: the key is as long as the hash output, the ICV half of it. */
    HMAC_SHA2_256_128(5, "SADB_X_AALG_SHA2_256HMAC", "HmacSHA256", 32, 16),
    /** RFC 4868. */
    HMAC_SHA2_384_192(6, "SADB_X_AALG_SHA2_384HMAC", "HmacSHA384", 48, 24),
    /** RFC 4868. */
    HMAC_SHA2_512_256(7, "SADB_X_AALG_SHA2_512HMAC", "HmacSHA512", 64, 32);

    private final int pfkeyId;
    private final String pfkeyName;
    private final String jcaName;
    private final int keyLength;
    private final int icvLength;

    IntegrityAlgorithm(int pfkeyId, String pfkeyName, String jcaName, int keyLength, int icvLength) {
        this.pfkeyId = pfkeyId;
        this.pfkeyName = pfkeyName;
        this.jcaName = jcaName;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    public int pfkeyId() {
        return pfkeyId;
    }

    public String pfkeyName() {
        return pfkeyName;
    }

    public String jcaName() {
        return jcaName;
    }

    /** The key length IKE derives for it, in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** The truncated ICV, in bytes. */
    public int icvLength() {
        return icvLength;
    }

    public static Optional<IntegrityAlgorithm> fromPfkey(int id) {
        for (IntegrityAlgorithm a : values()) {
            if (a.pfkeyId == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
