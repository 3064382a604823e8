package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * KLIPS's {@code struct sadb_x_satype}: {@code SADB_X_EXT_SATYPE2}, the SA type of the second SA
 * of an {@code SADB_X_GRPSA}; 8 bytes.
 *
 * <pre>
 *  0  sadb_x_satype_len       u16  1
 *  2  sadb_x_satype_exttype   u16  18
 *  4  sadb_x_satype_satype    u8   {@link SaType}
 *  5  sadb_x_satype_reserved  3 bytes
 * </pre>
 */
public record SadbXSatype(SaType satype) implements Extension {
    static final int SIZE = 8;

    public SadbXSatype {
        Objects.requireNonNull(satype, "satype");
    }

    @Override
    public int typeNumber() {
        return ExtType.X_SATYPE2.value();
    }

    void write(WireWriter w) {
        w.u8(satype.value());
        w.zeros(3);
    }

    static SadbXSatype read(ExtType type, WireReader r) throws PfKeyException {
        ExtensionCodec.expectBody(r, SIZE);
        int v = r.u8();
        r.skip(3);
        return new SadbXSatype(SaType.of(v).orElseThrow(
                () -> new PfKeyException(Errno.EINVAL, r.what() + ": unknown SA type " + v)));
    }
}
