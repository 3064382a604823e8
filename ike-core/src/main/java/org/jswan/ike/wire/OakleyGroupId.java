package org.jswan.ike.wire;

import java.util.Map;

/**
 * Values of the Group Description attributes (RFC 2409 §6 and App. A, RFC 3526, RFC 5903).
 */
public enum OakleyGroupId {
    MODP768(1),
    MODP1024(2),
    EC2N155(3),
    EC2N185(4),
    MODP1536(5),
    MODP2048(14),
    MODP3072(15),
    MODP4096(16),
    MODP6144(17),
    MODP8192(18),
    ECP256(19),
    ECP384(20),
    ECP521(21);

    private static final Map<Integer, OakleyGroupId> BY_VALUE = Registry.index(values(), OakleyGroupId::value);

    private final int value;

    OakleyGroupId(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static OakleyGroupId fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
