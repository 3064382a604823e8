package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * {@code sadb_sa_auth} / {@code sadb_alg_id} in {@code SUPPORTED_AUTH}: RFC 2367's
 * {@code SADB_AALG_*} and the later {@code SADB_X_AALG_*} numbers KLIPS shares with Linux. The
 * field itself stays an {@code int} in the records: a kernel may know algorithms this enum does not.
 */
public enum AuthAlg {
    NONE(0, "SADB_AALG_NONE", 0),
    MD5HMAC(2, "SADB_AALG_MD5HMAC", 128),
    SHA1HMAC(3, "SADB_AALG_SHA1HMAC", 160),
    SHA2_256HMAC(5, "SADB_X_AALG_SHA2_256HMAC", 256),
    SHA2_384HMAC(6, "SADB_X_AALG_SHA2_384HMAC", 384),
    SHA2_512HMAC(7, "SADB_X_AALG_SHA2_512HMAC", 512),
    RIPEMD160HMAC(8, "SADB_X_AALG_RIPEMD160HMAC", 160),
    NULL(251, "SADB_X_AALG_NULL", 0);

    private final int value;
    private final String sadbName;
    private final int keyBits;

    AuthAlg(int value, String sadbName, int keyBits) {
        this.value = value;
        this.sadbName = sadbName;
        this.keyBits = keyBits;
    }

    public int value() {
        return value;
    }

    public String sadbName() {
        return sadbName;
    }

    /** The key length IPsec uses with this MAC (RFC 2403, 2404, 4868), 0 for none. */
    public int keyBits() {
        return keyBits;
    }

    public static Optional<AuthAlg> of(int value) {
        for (AuthAlg a : values()) {
            if (a.value == value) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
