package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * An extension carried as bytes: one this codec does not know (RFC 2367 §2.3: "If an unknown
 * extension type is encountered, it MUST be ignored" — jswan keeps it and re-encodes it byte for
 * byte), or one it deliberately does not model ({@code SENSITIVITY}, {@code X_KMPRIVATE},
 * {@code X_DEBUG}). {@code body} is everything after the 4-byte extension header, so its length
 * is 4 more than a multiple of 8.
 */
public record RawExtension(int type, Octets body) implements Extension {
    public RawExtension {
        Objects.requireNonNull(body, "body");
        if (type <= 0 || type > 0xffff) {
            throw new IllegalArgumentException("extension type " + type + " out of range");
        }
        ExtType.of(type).ifPresent(t -> {
            if (t.layout() != ExtType.Layout.RAW && t.layout() != ExtType.Layout.SENS) {
                throw new IllegalArgumentException(t.sadbName() + " has its own record");
            }
        });
        if ((body.length() + 4) % 8 != 0) {
            throw new IllegalArgumentException("raw extension body of " + body.length()
                    + " bytes does not end on a 64-bit boundary");
        }
        if (type == ExtType.SENSITIVITY.value()) {
            String fault = sensitivityFault(body.toArray());
            if (fault != null) {
                throw new IllegalArgumentException("SADB_EXT_SENSITIVITY: " + fault);
            }
        }
    }

    @Override
    public int typeNumber() {
        return type;
    }

    void write(WireWriter w) {
        body.writeTo(w);
    }

    static RawExtension read(int type, WireReader r) throws PfKeyException {
        return new RawExtension(type, Octets.adopt(r.bytes(r.remaining())));
    }

    /**
     * {@code struct sadb_sens} (RFC 2367 §2.3.5), checked and carried raw: a 16-byte header whose
     * {@code sens_len} and {@code integ_len} count the 64-bit words of the two bitmaps after it.
     *
     * <pre>
     *  4  sadb_sens_dpd u32   8  sens_level u8   9  sens_len u8   10  integ_level u8
     * 11  integ_len u8       12  reserved u32    16  sens bitmap, integ bitmap
     * </pre>
     */
    static RawExtension readSensitivity(WireReader r) throws PfKeyException {
        byte[] body = r.bytes(r.remaining());
        String fault = sensitivityFault(body);
        if (fault != null) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": " + fault);
        }
        return new RawExtension(ExtType.SENSITIVITY.value(), Octets.adopt(body));
    }

    /** What is wrong with a {@code sadb_sens} body (after the extension header), or null. */
    private static String sensitivityFault(byte[] body) {
        int extLen = body.length + 4;
        if (extLen < 16) {
            return extLen + " bytes, less than sadb_sens's 16";
        }
        int sensLen = Byte.toUnsignedInt(body[5]);
        int integLen = Byte.toUnsignedInt(body[7]);
        if (extLen != 16 + 8 * (sensLen + integLen)) {
            return extLen + " bytes, but the bitmaps need " + (16 + 8 * (sensLen + integLen));
        }
        return null;
    }

    @Override
    public String toString() {
        return ExtType.nameOf(type) + "{raw " + body.hex() + "}";
    }
}
