package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * {@code struct sadb_lifetime} (RFC 2367 §2.3.2): {@code LIFETIME_CURRENT}, {@code _HARD},
 * {@code _SOFT}; 32 bytes. The 64-bit fields are unsigned; a {@code long} holds their bits.
 * For CURRENT, {@code addTime}/{@code useTime} are absolute seconds since the epoch; for HARD and
 * SOFT they are seconds relative to the SA's creation / first use.
 *
 * <pre>
 *  0  sadb_lifetime_len          u16  4
 *  2  sadb_lifetime_exttype      u16  2 / 3 / 4
 *  4  sadb_lifetime_allocations  u32
 *  8  sadb_lifetime_bytes        u64
 * 16  sadb_lifetime_addtime      u64
 * 24  sadb_lifetime_usetime      u64
 * </pre>
 */
public record SadbLifetime(ExtType type, long allocations, long bytes, long addTime, long useTime)
        implements Extension {
    static final int SIZE = 32;

    public SadbLifetime {
        Objects.requireNonNull(type, "type");
        type.requireLayout(ExtType.Layout.LIFETIME, "SadbLifetime");
        SadbSa.checkU32("allocations", allocations);
    }

    @Override
    public int typeNumber() {
        return type.value();
    }

    void write(WireWriter w) {
        w.u32(allocations);
        w.u64(bytes);
        w.u64(addTime);
        w.u64(useTime);
    }

    static SadbLifetime read(ExtType type, WireReader r) throws PfKeyException {
        ExtensionCodec.expectBody(r, SIZE);
        return new SadbLifetime(type, r.u32(), r.u64(), r.u64(), r.u64());
    }

    @Override
    public String toString() {
        return type.sadbName() + "{allocations=" + allocations + " bytes=" + Long.toUnsignedString(bytes)
                + " addtime=" + Long.toUnsignedString(addTime) + " usetime=" + Long.toUnsignedString(useTime) + "}";
    }
}
