package org.jswan.ike.wire;

import java.util.Map;

/**
 * IPsec DOI ESP transform identifiers (RFC 2407 §4.4.4, RFC 3602 for ESP_AES).
 */
public enum EspTransformId {
    ESP_DES_IV64(1),
    ESP_DES(2),
    ESP_3DES(3),
    ESP_RC5(4),
    ESP_IDEA(5),
    ESP_CAST(6),
    ESP_BLOWFISH(7),
    ESP_3IDEA(8),
    ESP_DES_IV32(9),
    ESP_RC4(10),
    ESP_NULL(11),
    ESP_AES(12);

    private static final Map<Integer, EspTransformId> BY_VALUE = Registry.index(values(), EspTransformId::value);

    private final int value;

    EspTransformId(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static EspTransformId fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
