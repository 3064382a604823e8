package org.jswan.klips.pfkey;

import java.util.Optional;

/** KLIPS's {@code SADB_X_CALG_*}: the compression algorithm of an IPCOMP SA, in {@code sadb_sa_encrypt}. */
public enum CompAlg {
    NONE(0, "SADB_X_CALG_NONE"),
    OUI(1, "SADB_X_CALG_OUI"),
    DEFLATE(2, "SADB_X_CALG_DEFLATE"),
    LZS(3, "SADB_X_CALG_LZS");

    private final int value;
    private final String sadbName;

    CompAlg(int value, String sadbName) {
        this.value = value;
        this.sadbName = sadbName;
    }

    public int value() {
        return value;
    }

    public String sadbName() {
        return sadbName;
    }

    public static Optional<CompAlg> of(int value) {
        CompAlg[] all = values();
        return value >= 0 && value < all.length ? Optional.of(all[value]) : Optional.empty();
    }
}
