package org.jswan.ike.wire;

import java.util.Map;

/**
 * Values of the IPsec Encapsulation Mode attribute (RFC 2407 §4.5, RFC 3947 §5.1, and the
 * numbers draft-ietf-ipsec-nat-t-ike-02/03 used before it).
 */
public enum EncapsulationMode {
    TUNNEL(1),
    TRANSPORT(2),
    /** RFC 3947. */
    UDP_TUNNEL(3),
    /** RFC 3947. */
    UDP_TRANSPORT(4),
    /** draft-ietf-ipsec-nat-t-ike-02/03. */
    UDP_TUNNEL_DRAFT(61443),
    /** draft-ietf-ipsec-nat-t-ike-02/03. */
    UDP_TRANSPORT_DRAFT(61444);

    private static final Map<Integer, EncapsulationMode> BY_VALUE = Registry.index(values(), EncapsulationMode::value);

    private final int value;

    EncapsulationMode(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static EncapsulationMode fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
