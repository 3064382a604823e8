package org.jswan.klips.pfkey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code struct sadb_ident} (RFC 2367 §2.3.5): {@code IDENTITY_SRC} / {@code _DST}. A C string
 * follows the 16-byte header, NUL-terminated and zero-padded to 64 bits; {@code text} is that
 * string without its terminator and padding (empty: no string at all).
 *
 * <pre>
 *  0  sadb_ident_len       u16
 *  2  sadb_ident_exttype   u16  10 / 11
 *  4  sadb_ident_type      u16  {@link IdentType}
 *  6  sadb_ident_reserved  u16
 *  8  sadb_ident_id        u64
 * 16  text, NUL, zero padding
 * </pre>
 */
public record SadbIdent(ExtType type, int identType, long id, Octets text) implements Extension {
    static final int HEADER = 16;

    public SadbIdent {
        Objects.requireNonNull(type, "type");
        type.requireLayout(ExtType.Layout.IDENT, "SadbIdent");
        Objects.requireNonNull(text, "text");
        SadbSa.checkU16("identType", identType);
        if (text.length() > 0 && text.get(text.length() - 1) == 0) {
            throw new IllegalArgumentException("identity text must not end in NUL (the codec adds it)");
        }
    }

    public static SadbIdent of(ExtType type, int identType, String text) {
        return new SadbIdent(type, identType, 0, Octets.copyOf(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int typeNumber() {
        return type.value();
    }

    void write(WireWriter w) {
        w.u16(identType);
        w.u16(0); // sadb_ident_reserved
        w.u64(id);
        if (text.length() > 0) {
            text.writeTo(w);
            w.u8(0);
        }
    }

    static SadbIdent read(ExtType type, WireReader r) throws PfKeyException {
        if (r.remaining() < HEADER - 4) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": " + (r.remaining() + 4)
                    + " bytes, less than sadb_ident's " + HEADER);
        }
        int identType = r.u16();
        r.skip(2);
        long id = r.u64();
        byte[] tail = r.bytes(r.remaining());
        int end = tail.length;
        while (end > 0 && tail[end - 1] == 0) {
            end--;
        }
        return new SadbIdent(type, identType, id, Octets.adopt(Arrays.copyOf(tail, end)));
    }

    @Override
    public String toString() {
        return type.sadbName() + "{type " + identType + " id " + Long.toUnsignedString(id) + " \""
                + new String(text.toArray(), StandardCharsets.UTF_8) + "\"}";
    }
}
