package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * {@code struct sadb_key} (RFC 2367 §2.3.4): {@code KEY_AUTH} and {@code KEY_ENCRYPT}. The key
 * follows the 8-byte header, {@code ceil(bits / 8)} bytes padded with zeros to 64 bits. The key
 * is a {@link KeyBytes}, which never prints.
 *
 * <pre>
 *  0  sadb_key_len       u16  1 + ceil(bits / 64)
 *  2  sadb_key_exttype   u16  8 / 9
 *  4  sadb_key_bits      u16  key length in bits
 *  6  sadb_key_reserved  u16
 *  8  key bytes, zero padding
 * </pre>
 */
public record SadbKey(ExtType type, int bits, KeyBytes key) implements Extension {
    public SadbKey {
        Objects.requireNonNull(type, "type");
        type.requireLayout(ExtType.Layout.KEY, "SadbKey");
        Objects.requireNonNull(key, "key");
        SadbSa.checkU16("bits", bits);
        if (key.length() != (bits + 7) / 8) {
            throw new IllegalArgumentException(bits + " key bits need " + (bits + 7) / 8 + " bytes, not "
                    + key.length());
        }
    }

    /** A key of {@code 8 * key.length()} bits. */
    public static SadbKey of(ExtType type, KeyBytes key) {
        return new SadbKey(type, key.length() * 8, key);
    }

    @Override
    public int typeNumber() {
        return type.value();
    }

    void write(WireWriter w) {
        w.u16(bits);
        w.u16(0); // sadb_key_reserved
        key.writeTo(w);
    }

    static SadbKey read(ExtType type, WireReader r) throws PfKeyException {
        int bits = r.u16();
        r.skip(2); // sadb_key_reserved
        int bytes = (bits + 7) / 8;
        // RFC 2367 §2.3.4: the key must fit the extension; the rest up to 64 bits is padding.
        if (bytes > r.remaining() || r.remaining() - bytes >= 8) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": " + bits + " key bits in "
                    + r.remaining() + " bytes of key data");
        }
        byte[] k = r.bytes(bytes);
        r.skip(r.remaining());
        KeyBytes key = KeyBytes.adopt(k);
        return new SadbKey(type, bits, key);
    }

    @Override
    public String toString() {
        return type.sadbName() + "{" + bits + " bits " + key + "}";
    }
}
