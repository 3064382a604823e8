package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * {@code struct sadb_address} (RFC 2367 §2.3.3) and a {@link SockAddr}: {@code ADDRESS_SRC},
 * {@code _DST}, {@code _PROXY} and KLIPS's {@code X_ADDRESS_DST2}, {@code X_ADDRESS_SRC_FLOW},
 * {@code _DST_FLOW}, {@code _SRC_MASK}, {@code _DST_MASK} (a mask travels as an address), and
 * {@code X_NAT_T_OA}. 24 bytes for IPv4, 40 for IPv6 (36 padded to 8).
 *
 * <pre>
 *  0  sadb_address_len        u16  3 (IPv4) / 5 (IPv6)
 *  2  sadb_address_exttype    u16
 *  4  sadb_address_proto      u8   transport protocol, 0 for any
 *  5  sadb_address_prefixlen  u8   0 in what pluto sends (KLIPS flows use the MASK extensions)
 *  6  sadb_address_reserved   u16
 *  8  sockaddr_in / sockaddr_in6, then zero padding
 * </pre>
 */
public record SadbAddress(ExtType type, int proto, int prefixLen, SockAddr address) implements Extension {
    static final int HEADER = 8;

    public SadbAddress {
        Objects.requireNonNull(type, "type");
        type.requireLayout(ExtType.Layout.ADDRESS, "SadbAddress");
        Objects.requireNonNull(address, "address");
        SadbSa.checkU8("proto", proto);
        if (prefixLen < 0 || prefixLen > address.bits()) {
            throw new IllegalArgumentException("prefix length " + prefixLen + " out of range for " + address);
        }
    }

    public static SadbAddress of(ExtType type, SockAddr address) {
        return new SadbAddress(type, 0, 0, address);
    }

    @Override
    public int typeNumber() {
        return type.value();
    }

    void write(WireWriter w) {
        w.u8(proto);
        w.u8(prefixLen);
        w.u16(0); // sadb_address_reserved
        address.write(w);
    }

    static SadbAddress read(ExtType type, WireReader r) throws PfKeyException {
        int extLen = r.remaining() + 4; // the whole extension, its 4-byte header included
        int proto = r.u8();
        int prefixLen = r.u8();
        r.skip(2); // sadb_address_reserved
        SockAddr a = SockAddr.read(r);
        // RFC 2367 §2.3.3: the sockaddr follows, padded to 64 bits.
        // Linux: any length that holds the sockaddr; jswan: exactly that size (see expectBody).
        int expected = ExtensionCodec.padded8(HEADER + a.size());
        if (extLen != expected) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": " + extLen + " bytes for a "
                    + (a.isV4() ? "sockaddr_in" : "sockaddr_in6") + " address extension of " + expected);
        }
        r.skip(r.remaining()); // the padding: ignored, written as zeros
        if (prefixLen > a.bits()) {
            throw new PfKeyException(Errno.EINVAL, r.what() + ": prefix length " + prefixLen + " > " + a.bits());
        }
        return new SadbAddress(type, proto, prefixLen, a);
    }

    @Override
    public String toString() {
        return type.sadbName() + "{" + address + (prefixLen != 0 ? "/" + prefixLen : "")
                + (proto != 0 ? " proto " + proto : "") + "}";
    }
}
