package org.jswan.ike.wire;

import java.util.Map;

/**
 * ISAKMP transform identifiers for the ISAKMP protocol (RFC 2407 §4.4.2).
 */
public enum KeyTransformId {
    KEY_IKE(1);

    private static final Map<Integer, KeyTransformId> BY_VALUE = Registry.index(values(), KeyTransformId::value);

    private final int value;

    KeyTransformId(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static KeyTransformId fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
