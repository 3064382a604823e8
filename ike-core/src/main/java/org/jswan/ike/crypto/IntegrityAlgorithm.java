package org.jswan.ike.crypto;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;

/**
 * Integrity algorithms of AH and ESP, keyed by the IPsec DOI AUTH_ALGORITHM attribute
 * (RFC 2407 §4.5) and the AH transform ID (RFC 2407 §4.4.3). The ICV is the HMAC truncated to
 * {@link #icvLength()} bytes (RFC 2403, RFC 2404, RFC 4868).
 */
public enum IntegrityAlgorithm {
    /** RFC 2403. */
    HMAC_MD5_96(1, "HMAC_MD5", 2, "AH_MD5", 2, "SADB_AALG_MD5HMAC", HashAlgorithm.MD5, 16, 12),
    /** RFC 2404. */
    HMAC_SHA1_96(2, "HMAC_SHA1", 3, "AH_SHA", 3, "SADB_AALG_SHA1HMAC", HashAlgorithm.SHA1, 20, 12),
    /** RFC 4868. */
    HMAC_SHA2_256_128(5, "HMAC_SHA2_256", 5, "AH_SHA2_256", 5, "SADB_X_AALG_SHA2_256HMAC",
            HashAlgorithm.SHA2_256, 32, 16),
    /** RFC 4868. */
    HMAC_SHA2_384_192(6, "HMAC_SHA2_384", 6, "AH_SHA2_384", 6, "SADB_X_AALG_SHA2_384HMAC",
            HashAlgorithm.SHA2_384, 48, 24),
    /** RFC 4868. */
    HMAC_SHA2_512_256(7, "HMAC_SHA2_512", 7, "AH_SHA2_512", 7, "SADB_X_AALG_SHA2_512HMAC",
            HashAlgorithm.SHA2_512, 64, 32);

    private final int authAlgorithm;
    private final String authName;
    private final int ahTransform;
    private final String ahName;
    private final int pfkeyId;
    private final String pfkeyName;
    private final HashAlgorithm hash;
    private final int keyLength;
    private final int icvLength;

    IntegrityAlgorithm(int authAlgorithm, String authName, int ahTransform, String ahName, int pfkeyId,
            String pfkeyName, HashAlgorithm hash, int keyLength, int icvLength) {
        this.authAlgorithm = authAlgorithm;
        this.authName = authName;
        this.ahTransform = ahTransform;
        this.ahName = ahName;
        this.pfkeyId = pfkeyId;
        this.pfkeyName = pfkeyName;
        this.hash = hash;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    /** Value of the IPsec DOI AUTH_ALGORITHM attribute (ESP and AH). */
    public int authAlgorithm() {
        return authAlgorithm;
    }

    /** Name of the AUTH_ALGORITHM value, e.g. {@code HMAC_SHA1}. */
    public String authName() {
        return authName;
    }

    /** AH transform ID. */
    public int ahTransform() {
        return ahTransform;
    }

    public String ahName() {
        return ahName;
    }

    /** PF_KEY v2 authentication algorithm number. */
    public int pfkeyId() {
        return pfkeyId;
    }

    public String pfkeyName() {
        return pfkeyName;
    }

    /** JCA {@code Mac} name. */
    public String jcaMac() {
        return hash.jcaHmac();
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** Key length in bytes, taken from KEYMAT after the encryption key. */
    public int keyLength() {
        return keyLength;
    }

    /** Length in bytes of the truncated ICV. */
    public int icvLength() {
        return icvLength;
    }

    /** The ICV of {@code data}: the HMAC truncated to {@link #icvLength()}. */
    public Bytes icv(Secret key, Bytes data) {
        if (key.length() != keyLength) {
            throw new IllegalArgumentException(this + ": key of " + key.length() + " bytes, need " + keyLength);
        }
        return hash.prf().mac(key, data).slice(0, icvLength);
    }

    /** The algorithm with this AUTH_ALGORITHM value, or null if jswan does not implement it. */
    public static IntegrityAlgorithm fromAuthAlgorithm(int id) {
        for (IntegrityAlgorithm a : values()) {
            if (a.authAlgorithm == id) {
                return a;
            }
        }
        return null;
    }

    /** The algorithm of this AH transform ID, or null if jswan does not implement it. */
    public static IntegrityAlgorithm fromAhTransform(int id) {
        for (IntegrityAlgorithm a : values()) {
            if (a.ahTransform == id) {
                return a;
            }
        }
        return null;
    }
}
