package org.jswan.klips.pfkey;

/**
 * KLIPS 2.x's {@code struct sadb_protocol}: {@code SADB_X_EXT_PROTOCOL}, the transport protocol
 * an eroute is limited to; 8 bytes.
 *
 * <pre>
 *  0  sadb_protocol_len        u16  1
 *  2  sadb_protocol_exttype    u16  26
 *  4  sadb_protocol_proto      u8   IP protocol number, 0 for any
 *  5  sadb_protocol_direction  u8
 *  6  sadb_protocol_flags      u8
 *  7  sadb_protocol_reserved2  u8
 * </pre>
 */
public record SadbProtocol(int proto, int direction, int flags) implements Extension {
    static final int SIZE = 8;

    public SadbProtocol {
        SadbSa.checkU8("proto", proto);
        SadbSa.checkU8("direction", direction);
        SadbSa.checkU8("flags", flags);
    }

    @Override
    public int typeNumber() {
        return ExtType.X_PROTOCOL.value();
    }

    void write(WireWriter w) {
        w.u8(proto);
        w.u8(direction);
        w.u8(flags);
        w.u8(0);
    }

    static SadbProtocol read(ExtType type, WireReader r) throws PfKeyException {
        ExtensionCodec.expectBody(r, SIZE);
        int proto = r.u8();
        int direction = r.u8();
        int flags = r.u8();
        r.skip(1);
        return new SadbProtocol(proto, direction, flags);
    }
}
