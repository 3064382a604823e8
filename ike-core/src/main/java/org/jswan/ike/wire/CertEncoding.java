package org.jswan.ike.wire;

import java.util.Map;

/**
 * Certificate encodings of the CERT and CR payloads (RFC 2408 §3.9).
 */
public enum CertEncoding {
    NONE(0),
    PKCS7_WRAPPED_X509(1),
    PGP(2),
    DNS_SIGNED_KEY(3),
    X509_SIGNATURE(4),
    X509_KEY_EXCHANGE(5),
    KERBEROS_TOKENS(6),
    CRL(7),
    ARL(8),
    SPKI(9),
    X509_ATTRIBUTE(10);

    private static final Map<Integer, CertEncoding> BY_VALUE = Registry.index(values(), CertEncoding::value);

    private final int value;

    CertEncoding(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static CertEncoding fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
