package org.jswan.ike.wire;

import java.util.Map;

/**
 * Values of the Oakley Encryption Algorithm attribute (RFC 2409 App. A, RFC 3602 for AES).
 */
public enum OakleyEncryption {
    DES_CBC(1),
    IDEA_CBC(2),
    BLOWFISH_CBC(3),
    RC5_R16_B64_CBC(4),
    TRIPLE_DES_CBC(5),
    CAST_CBC(6),
    /** RFC 3602; needs a Key Length attribute. */
    AES_CBC(7);

    private static final Map<Integer, OakleyEncryption> BY_VALUE = Registry.index(values(), OakleyEncryption::value);

    private final int value;

    OakleyEncryption(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static OakleyEncryption fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
