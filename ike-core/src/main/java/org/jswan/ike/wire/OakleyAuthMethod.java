package org.jswan.ike.wire;

import java.util.Map;

/**
 * Values of the Oakley Authentication Method attribute (RFC 2409 App. A; XAUTH numbers from
 * draft-beaulieu-ike-xauth §3.2).
 */
public enum OakleyAuthMethod {
    PRESHARED_KEY(1),
    DSS_SIG(2),
    RSA_SIG(3),
    RSA_ENC(4),
    RSA_ENC_REV(5),
    XAUTH_INIT_PRESHARED(65001),
    XAUTH_RESP_PRESHARED(65002),
    XAUTH_INIT_DSS(65003),
    XAUTH_RESP_DSS(65004),
    XAUTH_INIT_RSA(65005),
    XAUTH_RESP_RSA(65006),
    XAUTH_INIT_RSA_ENC(65007),
    XAUTH_RESP_RSA_ENC(65008),
    XAUTH_INIT_RSA_REV(65009),
    XAUTH_RESP_RSA_REV(65010);

    private static final Map<Integer, OakleyAuthMethod> BY_VALUE = Registry.index(values(), OakleyAuthMethod::value);

    private final int value;

    OakleyAuthMethod(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static OakleyAuthMethod fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
