package org.jswan.ike.wire;

import java.util.Map;

/**
 * ISAKMP exchange types (RFC 2408 §3.1 and §4, RFC 2409 §5, mode-config Transaction 6).
 * pluto prints these as {@code ISAKMP_XCHG_<name>}.
 */
public enum ExchangeType {
    NONE(0),
    BASE(1),
    /** Identity Protection: IKE Main Mode. */
    IDPROT(2),
    AUTH_ONLY(3),
    AGGRESSIVE(4),
    /** Informational. */
    INFO(5),
    /** Mode-config / XAUTH transaction. */
    TRANSACTION(6),
    /** IKE Quick Mode (RFC 2409 §5.5). */
    QUICK(32),
    /** IKE New Group Mode (RFC 2409 §5.6). */
    NEW_GROUP(33);

    private static final Map<Integer, ExchangeType> BY_VALUE = Registry.index(values(), ExchangeType::value);

    private final int value;

    ExchangeType(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static ExchangeType fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
