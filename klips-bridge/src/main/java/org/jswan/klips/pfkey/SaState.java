package org.jswan.klips.pfkey;

import java.util.Optional;

/** {@code sadb_sa_state}, RFC 2367 §2.3.1. */
public enum SaState {
    LARVAL(0, "SADB_SASTATE_LARVAL"),
    MATURE(1, "SADB_SASTATE_MATURE"),
    DYING(2, "SADB_SASTATE_DYING"),
    DEAD(3, "SADB_SASTATE_DEAD");

    private final int value;
    private final String sadbName;

    SaState(int value, String sadbName) {
        this.value = value;
        this.sadbName = sadbName;
    }

    public int value() {
        return value;
    }

    public String sadbName() {
        return sadbName;
    }

    public static Optional<SaState> of(int value) {
        SaState[] all = values();
        return value >= 0 && value < all.length ? Optional.of(all[value]) : Optional.empty();
    }
}
