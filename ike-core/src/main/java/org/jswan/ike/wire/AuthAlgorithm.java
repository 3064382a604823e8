package org.jswan.ike.wire;

import java.util.Map;

/**
 * Values of the IPsec Authentication Algorithm attribute (RFC 2407 §4.5, RFC 4868).
 */
public enum AuthAlgorithm {
    HMAC_MD5(1),
    HMAC_SHA1(2),
    DES_MAC(3),
    KPDK(4),
    HMAC_SHA2_256(5),
    HMAC_SHA2_384(6),
    HMAC_SHA2_512(7);

    private static final Map<Integer, AuthAlgorithm> BY_VALUE = Registry.index(values(), AuthAlgorithm::value);

    private final int value;

    AuthAlgorithm(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static AuthAlgorithm fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
