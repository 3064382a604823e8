package org.jswan.klips.pfkey;

/**
 * The NAT-T patch's {@code struct sadb_x_nat_t_type}: {@code SADB_X_EXT_NAT_T_TYPE}, how an ESP SA
 * is UDP-encapsulated; 8 bytes.
 *
 * <pre>
 *  0  sadb_x_nat_t_type_len       u16  1
 *  2  sadb_x_nat_t_type_exttype   u16  27
 *  4  sadb_x_nat_t_type_type      u8   {@link #ESPINUDP} (RFC 3948, non-ESP marker)
 *  5  sadb_x_nat_t_type_reserved  3 bytes
 * </pre>
 */
public record SadbXNatTType(int encapType) implements Extension {
    /** {@code ESPINUDP_WITH_NON_IKE}: the draft-00/01 encapsulation with a non-IKE marker. */
    public static final int ESPINUDP_NON_IKE = 1;
    /** {@code ESPINUDP_WITH_NON_ESP}: RFC 3948. */
    public static final int ESPINUDP = 2;
    static final int SIZE = 8;

    public SadbXNatTType {
        SadbSa.checkU8("encapType", encapType);
    }

    @Override
    public int typeNumber() {
        return ExtType.X_NAT_T_TYPE.value();
    }

    void write(WireWriter w) {
        w.u8(encapType);
        w.zeros(3);
    }

    static SadbXNatTType read(ExtType type, WireReader r) throws PfKeyException {
        ExtensionCodec.expectBody(r, SIZE);
        int t = r.u8();
        r.skip(3);
        return new SadbXNatTType(t);
    }
}
