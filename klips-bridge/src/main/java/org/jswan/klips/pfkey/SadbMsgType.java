package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * {@code sadb_msg_type}: RFC 2367 §2.3 message types 1–10 and KLIPS's extensions 11–16
 * (FreeS/WAN {@code pfkeyv2.h}). 0 ({@code SADB_RESERVED}) is not a message.
 */
public enum SadbMsgType {
    GETSPI(1, "SADB_GETSPI"),
    UPDATE(2, "SADB_UPDATE"),
    ADD(3, "SADB_ADD"),
    DELETE(4, "SADB_DELETE"),
    GET(5, "SADB_GET"),
    ACQUIRE(6, "SADB_ACQUIRE"),
    REGISTER(7, "SADB_REGISTER"),
    EXPIRE(8, "SADB_EXPIRE"),
    FLUSH(9, "SADB_FLUSH"),
    DUMP(10, "SADB_DUMP"),
    X_PROMISC(11, "SADB_X_PROMISC"),
    X_PCHANGE(12, "SADB_X_PCHANGE"),
    X_GRPSA(13, "SADB_X_GRPSA"),
    X_ADDFLOW(14, "SADB_X_ADDFLOW"),
    X_DELFLOW(15, "SADB_X_DELFLOW"),
    X_DEBUG(16, "SADB_X_DEBUG");

    private final int value;
    private final String sadbName;

    SadbMsgType(int value, String sadbName) {
        this.value = value;
        this.sadbName = sadbName;
    }

    public int value() {
        return value;
    }

    /** The C name: {@code SADB_X_ADDFLOW}. */
    public String sadbName() {
        return sadbName;
    }

    public static Optional<SadbMsgType> of(int value) {
        SadbMsgType[] all = values();
        return value >= 1 && value <= all.length ? Optional.of(all[value - 1]) : Optional.empty();
    }
}
