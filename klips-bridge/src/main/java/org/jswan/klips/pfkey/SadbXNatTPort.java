package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * The NAT-T patch's {@code struct sadb_x_nat_t_port}: {@code SADB_X_EXT_NAT_T_SPORT} /
 * {@code _DPORT}, the UDP ports of an encapsulated ESP SA; 8 bytes.
 *
 * <pre>
 *  0  sadb_x_nat_t_port_len       u16  1
 *  2  sadb_x_nat_t_port_exttype   u16  28 / 29
 *  4  sadb_x_nat_t_port_port      u16  network byte order, like a sockaddr's port
 *  6  sadb_x_nat_t_port_reserved  u16
 * </pre>
 */
public record SadbXNatTPort(ExtType type, int port) implements Extension {
    static final int SIZE = 8;

    public SadbXNatTPort {
        Objects.requireNonNull(type, "type");
        type.requireLayout(ExtType.Layout.NAT_T_PORT, "SadbXNatTPort");
        SadbSa.checkU16("port", port);
    }

    @Override
    public int typeNumber() {
        return type.value();
    }

    void write(WireWriter w) {
        w.u16Be(port);
        w.u16(0);
    }

    static SadbXNatTPort read(ExtType type, WireReader r) throws PfKeyException {
        ExtensionCodec.expectBody(r, SIZE);
        int port = r.u16Be();
        r.skip(2);
        return new SadbXNatTPort(type, port);
    }
}
