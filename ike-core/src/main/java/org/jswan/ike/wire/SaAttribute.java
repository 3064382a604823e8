package org.jswan.ike.wire;

import java.util.Objects;
import org.jswan.ike.base.Bytes;

/**
 * One SA (or mode-config) data attribute, RFC 2408 §3.3: basic (AF bit set, type/value, the value
 * exactly two bytes) or variable (AF clear, type/length/value). The type is the 15-bit attribute
 * class; its meaning ({@link OakleyAttribute}, {@link IpsecAttribute}) depends on the proposal's
 * protocol, so it is kept as a number and unknown classes round-trip unchanged.
 *
 * @param type  attribute class, 0..0x7FFF
 * @param basic true for the TV form
 * @param value the value bytes: exactly 2 for basic, 0..65535 for variable
 */
public record SaAttribute(int type, boolean basic, Bytes value) {
    public SaAttribute {
        if (type < 0 || type > 0x7fff) {
            throw new IllegalArgumentException("attribute type " + type + " is not a 15-bit number");
        }
        Objects.requireNonNull(value, "value");
        if (basic && value.length() != 2) {
            throw new IllegalArgumentException("a basic attribute carries 2 bytes, not " + value.length());
        }
        if (value.length() > 0xffff) {
            throw new IllegalArgumentException("attribute value of " + value.length() + " bytes is too long");
        }
    }

    /** A basic (TV) attribute with a 16-bit value. */
    public static SaAttribute basic(int type, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("basic attribute value " + value + " does not fit 16 bits");
        }
        return new SaAttribute(type, true, Bytes.u16(value));
    }

    /** A variable (TLV) attribute. */
    public static SaAttribute variable(int type, Bytes value) {
        return new SaAttribute(type, false, value);
    }

    /**
     * A numeric attribute in the shortest form, as pluto emits lifetimes: basic when the value
     * fits 16 bits, else variable with 4 big-endian bytes, or 8 when it needs more than 32 bits.
     */
    public static SaAttribute number(int type, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("attribute value " + value + " is negative");
        }
        if (value <= 0xffff) {
            return basic(type, (int) value);
        }
        if (value <= 0xffffffffL) {
            return variable(type, Bytes.u32(value));
        }
        return variable(type, Bytes.concat(Bytes.u32(value >>> 32), Bytes.u32(value & 0xffffffffL)));
    }

    /**
     * The value as an unsigned number, whichever form it came in. A variable value of 1..8 bytes
     * is read big-endian; one of 8 bytes with the top bit set is more than any limit pluto
     * applies and reads as {@link Long#MAX_VALUE}.
     *
     * @throws MalformedMessageException ATTRIBUTES_NOT_SUPPORTED for an empty value or one
     *         longer than 8 bytes
     */
    public long numericValue() throws MalformedMessageException {
        if (basic) {
            return value.getU16(0);
        }
        int n = value.length();
        if (n == 0) {
            throw new MalformedMessageException(NotifyType.ATTRIBUTES_NOT_SUPPORTED,
                    "variable-length attribute type " + type + " has an empty value where a number is expected");
        }
        if (n > 8) {
            throw new MalformedMessageException(NotifyType.ATTRIBUTES_NOT_SUPPORTED,
                    "variable-length attribute type " + type + " value of " + n + " bytes is too long for a number (at most 8)");
        }
        if (n == 8 && value.get(0) >= 0x80) {
            return Long.MAX_VALUE;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | value.get(i);
        }
        return v;
    }

    /**
     * The value of an attribute RFC 2409 App. A / RFC 2407 §4.5 marks basic ("B").
     *
     * @throws MalformedMessageException ATTRIBUTES_NOT_SUPPORTED when it came in the TLV form
     */
    public int basicValue() throws MalformedMessageException {
        if (!basic) {
            throw new MalformedMessageException(NotifyType.ATTRIBUTES_NOT_SUPPORTED,
                    "attribute type " + type + " must be basic (TV) but is variable-length (" + value.length() + " bytes)");
        }
        return value.getU16(0);
    }

    @Override
    public String toString() {
        return basic ? "SaAttribute[" + type + "=" + value.getU16(0) + "]"
                : "SaAttribute[" + type + ", TLV " + value.length() + " bytes: " + value + "]";
    }
}
