package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * {@code struct sadb_sa} (RFC 2367 §2.3.1), also KLIPS's {@code SADB_X_EXT_SA2}: 16 bytes.
 *
 * <pre>
 *  0  sadb_sa_len      u16  2
 *  2  sadb_sa_exttype  u16  1 SA / 19 X_SA2
 *  4  sadb_sa_spi      u32  network byte order
 *  8  sadb_sa_replay   u8   replay window (packets), 0 for none
 *  9  sadb_sa_state    u8   {@link SaState}
 * 10  sadb_sa_auth     u8   {@link AuthAlg}
 * 11  sadb_sa_encrypt  u8   {@link EncryptAlg}, or {@link CompAlg} for IPCOMP
 * 12  sadb_sa_flags    u32  {@link SaFlags}
 * </pre>
 */
public record SadbSa(ExtType type, long spi, int replay, SaState state, int auth, int encrypt, long flags)
        implements Extension {
    static final int SIZE = 16;

    public SadbSa {
        Objects.requireNonNull(type, "type");
        type.requireLayout(ExtType.Layout.SA, "SadbSa");
        Objects.requireNonNull(state, "state");
        checkU32("spi", spi);
        checkU32("flags", flags);
        checkU8("replay", replay);
        checkU8("auth", auth);
        checkU8("encrypt", encrypt);
    }

    /** An {@code SADB_EXT_SA}. */
    public static SadbSa of(long spi, int replay, SaState state, int auth, int encrypt, long flags) {
        return new SadbSa(ExtType.SA, spi, replay, state, auth, encrypt, flags);
    }

    @Override
    public int typeNumber() {
        return type.value();
    }

    void write(WireWriter w) {
        w.u32Be(spi); // RFC 2367 §2.3.1: the SPI is in network byte order
        w.u8(replay);
        w.u8(state.value());
        w.u8(auth);
        w.u8(encrypt);
        w.u32(flags);
    }

    static SadbSa read(ExtType type, WireReader r) throws PfKeyException {
        ExtensionCodec.expectBody(r, SIZE);
        long spi = r.u32Be();
        int replay = r.u8();
        int stateValue = r.u8();
        SaState state = SaState.of(stateValue).orElseThrow(() -> new PfKeyException(Errno.EINVAL,
                r.what() + ": SA state " + stateValue + " is not LARVAL, MATURE, DYING or DEAD"));
        int auth = r.u8();
        int encrypt = r.u8();
        long flags = r.u32();
        return new SadbSa(type, spi, replay, state, auth, encrypt, flags);
    }

    static void checkU8(String field, int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(field + " " + v + " does not fit 8 bits");
        }
    }

    static void checkU16(String field, int v) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(field + " " + v + " does not fit 16 bits");
        }
    }

    static void checkU32(String field, long v) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(field + " " + v + " does not fit 32 bits");
        }
    }

    @Override
    public String toString() {
        return type.sadbName() + "{spi=0x" + Long.toHexString(spi) + " replay=" + replay + " " + state
                + " auth=" + auth + " encrypt=" + encrypt + " flags=0x" + Long.toHexString(flags) + "}";
    }
}
