package org.jswan.ike.wire;

import java.util.Map;

/**
 * Values of the Oakley Hash Algorithm attribute (RFC 2409 App. A, RFC 4868 for SHA-2).
 */
public enum OakleyHash {
    MD5(1),
    /** SHA-1. */
    SHA(2),
    TIGER(3),
    SHA2_256(4),
    SHA2_384(5),
    SHA2_512(6);

    private static final Map<Integer, OakleyHash> BY_VALUE = Registry.index(values(), OakleyHash::value);

    private final int value;

    OakleyHash(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static OakleyHash fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
