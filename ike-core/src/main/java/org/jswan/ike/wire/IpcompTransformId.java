package org.jswan.ike.wire;

import java.util.Map;

/**
 * IPsec DOI IPCOMP transform identifiers (RFC 2407 §4.4.5).
 */
public enum IpcompTransformId {
    IPCOMP_OUI(1),
    IPCOMP_DEFLATE(2),
    IPCOMP_LZS(3);

    private static final Map<Integer, IpcompTransformId> BY_VALUE = Registry.index(values(), IpcompTransformId::value);

    private final int value;

    IpcompTransformId(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static IpcompTransformId fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
