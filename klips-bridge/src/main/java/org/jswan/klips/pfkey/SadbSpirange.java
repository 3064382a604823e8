package org.jswan.klips.pfkey;

/**
 * {@code struct sadb_spirange} (RFC 2367 §2.3.8): the SPI range of an {@code SADB_GETSPI}; 16
 * bytes. Unlike {@code sadb_sa_spi}, the bounds are in host byte order (as Linux reads them).
 *
 * <pre>
 *  0  sadb_spirange_len       u16  2
 *  2  sadb_spirange_exttype   u16  16
 *  4  sadb_spirange_min       u32
 *  8  sadb_spirange_max       u32
 * 12  sadb_spirange_reserved  u32
 * </pre>
 */
public record SadbSpirange(long min, long max) implements Extension {
    static final int SIZE = 16;

    public SadbSpirange {
        SadbSa.checkU32("min", min);
        SadbSa.checkU32("max", max);
    }

    @Override
    public int typeNumber() {
        return ExtType.SPIRANGE.value();
    }

    void write(WireWriter w) {
        w.u32(min);
        w.u32(max);
        w.u32(0);
    }

    static SadbSpirange read(ExtType type, WireReader r) throws PfKeyException {
        ExtensionCodec.expectBody(r, SIZE);
        long min = r.u32();
        long max = r.u32();
        r.skip(4);
        return new SadbSpirange(min, max);
    }

    @Override
    public String toString() {
        return "SADB_EXT_SPIRANGE{0x" + Long.toHexString(min) + "-0x" + Long.toHexString(max) + "}";
    }
}
