package org.jswan.ike.wire;

import java.util.List;
import java.util.Objects;
import org.jswan.ike.base.Bytes;

/** Argument checks for the record constructors: what they reject could not be encoded. */
final class Check {
    private Check() {
    }

    static int u8(int v, String field) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(field + " " + v + " does not fit one byte");
        }
        return v;
    }

    static int u16(int v, String field) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(field + " " + v + " does not fit 16 bits");
        }
        return v;
    }

    static long u32(long v, String field) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(field + " " + v + " does not fit 32 bits");
        }
        return v;
    }

    static Bytes bytes(Bytes b, String field, int maxLength) {
        Objects.requireNonNull(b, field);
        if (b.length() > maxLength) {
            throw new IllegalArgumentException(field + " of " + b.length() + " bytes is longer than " + maxLength);
        }
        return b;
    }

    /** Largest body a payload can carry: 65535 minus the generic header. */
    static final int MAX_BODY = 0xffff - GenericHeader.LENGTH;

    static <T> List<T> list(List<T> l, String field) {
        Objects.requireNonNull(l, field);
        return List.copyOf(l);
    }
}
