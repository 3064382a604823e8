package org.jswan.ike.wire;

import java.util.Map;

/**
 * Identification types of the IPsec DOI (RFC 2407 §4.6.2.1).
 */
public enum IdType {
    /** 4 bytes. */
    IPV4_ADDR(1),
    /** A domain name, no NUL terminator. */
    FQDN(2),
    /** {@code user@fqdn}. */
    USER_FQDN(3),
    /** Address then mask, 4 + 4 bytes. */
    IPV4_ADDR_SUBNET(4),
    /** 16 bytes. */
    IPV6_ADDR(5),
    /** Address then mask, 16 + 16 bytes. */
    IPV6_ADDR_SUBNET(6),
    /** From then to, 4 + 4 bytes. */
    IPV4_ADDR_RANGE(7),
    /** From then to, 16 + 16 bytes. */
    IPV6_ADDR_RANGE(8),
    DER_ASN1_DN(9),
    DER_ASN1_GN(10),
    KEY_ID(11);

    private static final Map<Integer, IdType> BY_VALUE = Registry.index(values(), IdType::value);

    private final int value;

    IdType(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static IdType fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }

    /** The bytes an address-shaped ID of this type carries, or -1 for variable-length types. */
    public int addressLength() {
        switch (this) {
            case IPV4_ADDR:
                return 4;
            case IPV6_ADDR:
                return 16;
            case IPV4_ADDR_SUBNET:
            case IPV4_ADDR_RANGE:
                return 8;
            case IPV6_ADDR_SUBNET:
            case IPV6_ADDR_RANGE:
                return 32;
            default:
                return -1;
        }
    }
}
