package org.jswan.ike.wire;

import java.util.Map;

/**
 * Oakley (Phase 1) SA attribute classes, RFC 2409 Appendix A. Each knows whether RFC 2409
 * marks it basic ("B": must be sent TV) or variable ("V": may be TLV, or TV when it fits in 16
 * bits, RFC 2409 App. A: "Variable length attributes MAY be encoded as basic attributes if their
 * value can fit into two octets"). Life Duration is variable, so either form is accepted.
 */
public enum OakleyAttribute {
    ENCRYPTION_ALGORITHM(1, true),
    HASH_ALGORITHM(2, true),
    AUTHENTICATION_METHOD(3, true),
    GROUP_DESCRIPTION(4, true),
    GROUP_TYPE(5, true),
    /** Group prime / irreducible polynomial. */
    GROUP_PRIME(6, false),
    GROUP_GENERATOR_ONE(7, false),
    GROUP_GENERATOR_TWO(8, false),
    GROUP_CURVE_A(9, false),
    GROUP_CURVE_B(10, false),
    LIFE_TYPE(11, true),
    /** Either TV or TLV: pluto sends values over 16 bits as TLV. */
    LIFE_DURATION(12, false),
    PRF(13, true),
    KEY_LENGTH(14, true),
    FIELD_SIZE(15, true),
    GROUP_ORDER(16, false);

    private static final Map<Integer, OakleyAttribute> BY_VALUE = Registry.index(values(), OakleyAttribute::value);

    private final int value;
    private final boolean basicOnly;

    OakleyAttribute(int value, boolean basicOnly) {
        this.value = value;
        this.basicOnly = basicOnly;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static OakleyAttribute fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }

    /** True when RFC 2409 App. A marks the class "B": a TLV encoding of it is an error. */
    public boolean basicOnly() {
        return basicOnly;
    }
}
