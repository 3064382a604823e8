package org.jswan.ike.wire;

import java.util.Map;

/**
 * IPsec DOI AH transform identifiers (RFC 2407 §4.4.3, RFC 4868 for SHA-2).
 */
public enum AhTransformId {
    AH_MD5(2),
    AH_SHA(3),
    AH_DES(4),
    AH_SHA2_256(5),
    AH_SHA2_384(6),
    AH_SHA2_512(7);

    private static final Map<Integer, AhTransformId> BY_VALUE = Registry.index(values(), AhTransformId::value);

    private final int value;

    AhTransformId(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static AhTransformId fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
