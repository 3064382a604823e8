package org.jswan.klips.pfkey;

/**
 * {@code struct sadb_comb} (RFC 2367 §2.3.6): one acceptable combination of a
 * {@link SadbProp}; 72 bytes, all host order.
 *
 * <pre>
 *  0  auth u8   1  encrypt u8   2  flags u16
 *  4  auth_minbits u16   6  auth_maxbits u16   8  encrypt_minbits u16   10  encrypt_maxbits u16
 * 12  reserved u32   16  soft_allocations u32   20  hard_allocations u32
 * 24  soft_bytes u64   32  hard_bytes u64   40  soft_addtime u64   48  hard_addtime u64
 * 56  soft_usetime u64   64  hard_usetime u64
 * </pre>
 */
public record SadbComb(int auth, int encrypt, int flags, int authMinBits, int authMaxBits, int encryptMinBits,
                       int encryptMaxBits, long softAllocations, long hardAllocations, long softBytes,
                       long hardBytes, long softAddTime, long hardAddTime, long softUseTime, long hardUseTime) {
    static final int SIZE = 72;

    public SadbComb {
        SadbSa.checkU8("auth", auth);
        SadbSa.checkU8("encrypt", encrypt);
        SadbSa.checkU16("flags", flags);
        SadbSa.checkU16("authMinBits", authMinBits);
        SadbSa.checkU16("authMaxBits", authMaxBits);
        SadbSa.checkU16("encryptMinBits", encryptMinBits);
        SadbSa.checkU16("encryptMaxBits", encryptMaxBits);
        SadbSa.checkU32("softAllocations", softAllocations);
        SadbSa.checkU32("hardAllocations", hardAllocations);
    }

    /** A combination of algorithms and key sizes with no lifetimes. */
    public static SadbComb of(int auth, int authBits, int encrypt, int encryptMinBits, int encryptMaxBits) {
        return new SadbComb(auth, encrypt, 0, authBits, authBits, encryptMinBits, encryptMaxBits,
                0, 0, 0, 0, 0, 0, 0, 0);
    }

    void write(WireWriter w) {
        w.u8(auth);
        w.u8(encrypt);
        w.u16(flags);
        w.u16(authMinBits);
        w.u16(authMaxBits);
        w.u16(encryptMinBits);
        w.u16(encryptMaxBits);
        w.u32(0); // sadb_comb_reserved
        w.u32(softAllocations);
        w.u32(hardAllocations);
        w.u64(softBytes);
        w.u64(hardBytes);
        w.u64(softAddTime);
        w.u64(hardAddTime);
        w.u64(softUseTime);
        w.u64(hardUseTime);
    }

    static SadbComb read(WireReader r) throws PfKeyException {
        int auth = r.u8();
        int encrypt = r.u8();
        int flags = r.u16();
        int authMin = r.u16();
        int authMax = r.u16();
        int encMin = r.u16();
        int encMax = r.u16();
        r.skip(4);
        return new SadbComb(auth, encrypt, flags, authMin, authMax, encMin, encMax, r.u32(), r.u32(),
                r.u64(), r.u64(), r.u64(), r.u64(), r.u64(), r.u64());
    }
}
