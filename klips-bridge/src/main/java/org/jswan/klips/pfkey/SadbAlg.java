package org.jswan.klips.pfkey;

/**
 * {@code struct sadb_alg} (RFC 2367 §2.3.7): one algorithm of a {@link SadbSupported}, 8 bytes.
 *
 * <pre>
 *  0  sadb_alg_id        u8   {@link AuthAlg} / {@link EncryptAlg}
 *  1  sadb_alg_ivlen     u8   IV length in bytes
 *  2  sadb_alg_minbits   u16  key size range in bits
 *  4  sadb_alg_maxbits   u16
 *  6  sadb_alg_reserved  u16
 * </pre>
 */
public record SadbAlg(int id, int ivLen, int minBits, int maxBits) {
    static final int SIZE = 8;

    public SadbAlg {
        SadbSa.checkU8("id", id);
        SadbSa.checkU8("ivLen", ivLen);
        SadbSa.checkU16("minBits", minBits);
        SadbSa.checkU16("maxBits", maxBits);
    }

    void write(WireWriter w) {
        w.u8(id);
        w.u8(ivLen);
        w.u16(minBits);
        w.u16(maxBits);
        w.u16(0);
    }

    static SadbAlg read(WireReader r) throws PfKeyException {
        int id = r.u8();
        int iv = r.u8();
        int min = r.u16();
        int max = r.u16();
        r.skip(2);
        return new SadbAlg(id, iv, min, max);
    }
}
