package org.jswan.ike.wire;

import java.util.Map;

/**
 * Values of the (SA) Life Type attributes (RFC 2409 App. A, RFC 2407 §4.5).
 */
public enum LifeType {
    SECONDS(1),
    KILOBYTES(2);

    private static final Map<Integer, LifeType> BY_VALUE = Registry.index(values(), LifeType::value);

    private final int value;

    LifeType(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static LifeType fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
