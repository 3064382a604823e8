package org.jswan.ike.wire;

import java.util.Map;

/**
 * Notify message types (RFC 2408 §3.14.1 error and status types, RFC 2407 §4.6.3, RFC 3706).
 * The error names are exactly the RFC's, with '_' for '-'.
 */
public enum NotifyType {
    INVALID_PAYLOAD_TYPE(1),
    DOI_NOT_SUPPORTED(2),
    SITUATION_NOT_SUPPORTED(3),
    INVALID_COOKIE(4),
    INVALID_MAJOR_VERSION(5),
    INVALID_MINOR_VERSION(6),
    INVALID_EXCHANGE_TYPE(7),
    INVALID_FLAGS(8),
    INVALID_MESSAGE_ID(9),
    INVALID_PROTOCOL_ID(10),
    INVALID_SPI(11),
    INVALID_TRANSFORM_ID(12),
    ATTRIBUTES_NOT_SUPPORTED(13),
    NO_PROPOSAL_CHOSEN(14),
    BAD_PROPOSAL_SYNTAX(15),
    PAYLOAD_MALFORMED(16),
    INVALID_KEY_INFORMATION(17),
    INVALID_ID_INFORMATION(18),
    INVALID_CERT_ENCODING(19),
    INVALID_CERTIFICATE(20),
    CERT_TYPE_UNSUPPORTED(21),
    INVALID_CERT_AUTHORITY(22),
    INVALID_HASH_INFORMATION(23),
    AUTHENTICATION_FAILED(24),
    INVALID_SIGNATURE(25),
    ADDRESS_NOTIFICATION(26),
    NOTIFY_SA_LIFETIME(27),
    CERTIFICATE_UNAVAILABLE(28),
    UNSUPPORTED_EXCHANGE_TYPE(29),
    UNEQUAL_PAYLOAD_LENGTHS(30),
    /** RFC 2408 §3.14.1 status. */
    CONNECTED(16384),
    /** RFC 2407 §4.6.3.1. */
    RESPONDER_LIFETIME(24576),
    /** RFC 2407 §4.6.3.2. */
    REPLAY_STATUS(24577),
    /** RFC 2407 §4.6.3.3. */
    INITIAL_CONTACT(24578),
    /** Dead Peer Detection request (RFC 3706 §5). */
    R_U_THERE(36136),
    /** Dead Peer Detection acknowledgement (RFC 3706 §5). */
    R_U_THERE_ACK(36137);

    private static final Map<Integer, NotifyType> BY_VALUE = Registry.index(values(), NotifyType::value);

    private final int value;

    NotifyType(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static NotifyType fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }

    /** RFC 2408 §3.14.1: values below 16384 are errors, 16384 and above are status. */
    public boolean isError() {
        return value < 16384;
    }
}
