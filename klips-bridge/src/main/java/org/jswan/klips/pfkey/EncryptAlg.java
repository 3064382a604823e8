package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * {@code sadb_sa_encrypt} / {@code sadb_alg_id} in {@code SUPPORTED_ENCRYPT}: RFC 2367's
 * {@code SADB_EALG_*} and KLIPS's {@code SADB_X_EALG_*}. For an IPCOMP SA the same field holds a
 * {@link CompAlg}.
 */
public enum EncryptAlg {
    NONE(0, "SADB_EALG_NONE"),
    DESCBC(2, "SADB_EALG_DESCBC"),
    TRIPLE_DESCBC(3, "SADB_EALG_3DESCBC"),
    CASTCBC(6, "SADB_X_EALG_CASTCBC"),
    BLOWFISHCBC(7, "SADB_X_EALG_BLOWFISHCBC"),
    NULL(11, "SADB_EALG_NULL"),
    AESCBC(12, "SADB_X_EALG_AESCBC");

    private final int value;
    private final String sadbName;

    EncryptAlg(int value, String sadbName) {
        this.value = value;
        this.sadbName = sadbName;
    }

    public int value() {
        return value;
    }

    public String sadbName() {
        return sadbName;
    }

    public static Optional<EncryptAlg> of(int value) {
        for (EncryptAlg a : values()) {
            if (a.value == value) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
