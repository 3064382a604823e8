package org.jswan.ike.wire;

import java.util.Map;

/**
 * Protocol identifiers of proposals, notifications and deletes (RFC 2407 §4.4.1).
 */
public enum ProtocolId {
    /** PROTO_ISAKMP: the ISAKMP SA itself. */
    ISAKMP(1),
    IPSEC_AH(2),
    IPSEC_ESP(3),
    IPCOMP(4);

    private static final Map<Integer, ProtocolId> BY_VALUE = Registry.index(values(), ProtocolId::value);

    private final int value;

    ProtocolId(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static ProtocolId fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
