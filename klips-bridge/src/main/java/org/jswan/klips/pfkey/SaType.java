package org.jswan.klips.pfkey;

import java.util.Optional;
import org.jswan.klips.SaProto;

/**
 * {@code sadb_msg_satype} (and {@code sadb_x_satype_satype}): RFC 2367 §2.3 SA types and KLIPS's
 * {@code SADB_X_SATYPE_IPIP} 9, {@code _COMP} 10 and {@code _INT} 11 (internal: shunt eroutes).
 */
public enum SaType {
    UNSPEC(0, "SADB_SATYPE_UNSPEC"),
    AH(2, "SADB_SATYPE_AH"),
    ESP(3, "SADB_SATYPE_ESP"),
    RSVP(5, "SADB_SATYPE_RSVP"),
    OSPFV2(6, "SADB_SATYPE_OSPFV2"),
    RIPV2(7, "SADB_SATYPE_RIPV2"),
    MIP(8, "SADB_SATYPE_MIP"),
    X_IPIP(9, "SADB_X_SATYPE_IPIP"),
    X_COMP(10, "SADB_X_SATYPE_COMP"),
    X_INT(11, "SADB_X_SATYPE_INT");

    private final int value;
    private final String sadbName;

    SaType(int value, String sadbName) {
        this.value = value;
        this.sadbName = sadbName;
    }

    public int value() {
        return value;
    }

    public String sadbName() {
        return sadbName;
    }

    public static Optional<SaType> of(int value) {
        for (SaType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The SA type of one of the bridge's SA protocols. */
    public static SaType of(SaProto proto) {
        switch (proto) {
            case AH:
                return AH;
            case ESP:
                return ESP;
            case IPIP:
                return X_IPIP;
            case IPCOMP:
                return X_COMP;
            default:
                throw new IllegalArgumentException("no SA type for " + proto);
        }
    }

    /** The bridge's SA protocol for this type; empty for types KLIPS does not install. */
    public Optional<SaProto> toSaProto() {
        switch (this) {
            case AH:
                return Optional.of(SaProto.AH);
            case ESP:
                return Optional.of(SaProto.ESP);
            case X_IPIP:
                return Optional.of(SaProto.IPIP);
            case X_COMP:
                return Optional.of(SaProto.IPCOMP);
            default:
                return Optional.empty();
        }
    }
}
