package org.jswan.ike.wire;

import java.util.Map;

/**
 * IPsec DOI (Phase 2) SA attribute classes, RFC 2407 §4.5. Each knows whether the RFC marks
 * it basic ("B") or variable ("V"); SA Life Duration is variable and may be sent either way.
 */
public enum IpsecAttribute {
    SA_LIFE_TYPE(1, true),
    /** Either TV or TLV. */
    SA_LIFE_DURATION(2, false),
    GROUP_DESCRIPTION(3, true),
    ENCAPSULATION_MODE(4, true),
    AUTH_ALGORITHM(5, true),
    KEY_LENGTH(6, true),
    KEY_ROUNDS(7, true),
    COMPRESS_DICTIONARY_SIZE(8, true),
    COMPRESS_PRIVATE_ALGORITHM(9, false);

    private static final Map<Integer, IpsecAttribute> BY_VALUE = Registry.index(values(), IpsecAttribute::value);

    private final int value;
    private final boolean basicOnly;

    IpsecAttribute(int value, boolean basicOnly) {
        this.value = value;
        this.basicOnly = basicOnly;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static IpsecAttribute fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }

    /** True when RFC 2407 §4.5 marks the class "B": a TLV encoding of it is an error. */
    public boolean basicOnly() {
        return basicOnly;
    }
}
