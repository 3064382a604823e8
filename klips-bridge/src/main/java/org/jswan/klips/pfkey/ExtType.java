package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * {@code sadb_ext_type}: RFC 2367 §2.3 extensions 1–16 and KLIPS's 17–30 (FreeS/WAN / Openswan
 * {@code pfkeyv2.h}; facts §9; 27–30 are the NAT-T patch's). Several types share one layout,
 * which names the record that carries them.
 */
public enum ExtType {
    SA(1, "SADB_EXT_SA", Layout.SA),
    LIFETIME_CURRENT(2, "SADB_EXT_LIFETIME_CURRENT", Layout.LIFETIME),
    LIFETIME_HARD(3, "SADB_EXT_LIFETIME_HARD", Layout.LIFETIME),
    LIFETIME_SOFT(4, "SADB_EXT_LIFETIME_SOFT", Layout.LIFETIME),
    ADDRESS_SRC(5, "SADB_EXT_ADDRESS_SRC", Layout.ADDRESS),
    ADDRESS_DST(6, "SADB_EXT_ADDRESS_DST", Layout.ADDRESS),
    ADDRESS_PROXY(7, "SADB_EXT_ADDRESS_PROXY", Layout.ADDRESS),
    KEY_AUTH(8, "SADB_EXT_KEY_AUTH", Layout.KEY),
    KEY_ENCRYPT(9, "SADB_EXT_KEY_ENCRYPT", Layout.KEY),
    IDENTITY_SRC(10, "SADB_EXT_IDENTITY_SRC", Layout.IDENT),
    IDENTITY_DST(11, "SADB_EXT_IDENTITY_DST", Layout.IDENT),
    SENSITIVITY(12, "SADB_EXT_SENSITIVITY", Layout.SENS),
    PROPOSAL(13, "SADB_EXT_PROPOSAL", Layout.PROP),
    SUPPORTED_AUTH(14, "SADB_EXT_SUPPORTED_AUTH", Layout.SUPPORTED),
    SUPPORTED_ENCRYPT(15, "SADB_EXT_SUPPORTED_ENCRYPT", Layout.SUPPORTED),
    SPIRANGE(16, "SADB_EXT_SPIRANGE", Layout.SPIRANGE),
    X_KMPRIVATE(17, "SADB_X_EXT_KMPRIVATE", Layout.RAW),
    X_SATYPE2(18, "SADB_X_EXT_SATYPE2", Layout.SATYPE),
    X_SA2(19, "SADB_X_EXT_SA2", Layout.SA),
    X_ADDRESS_DST2(20, "SADB_X_EXT_ADDRESS_DST2", Layout.ADDRESS),
    X_ADDRESS_SRC_FLOW(21, "SADB_X_EXT_ADDRESS_SRC_FLOW", Layout.ADDRESS),
    X_ADDRESS_DST_FLOW(22, "SADB_X_EXT_ADDRESS_DST_FLOW", Layout.ADDRESS),
    X_ADDRESS_SRC_MASK(23, "SADB_X_EXT_ADDRESS_SRC_MASK", Layout.ADDRESS),
    X_ADDRESS_DST_MASK(24, "SADB_X_EXT_ADDRESS_DST_MASK", Layout.ADDRESS),
    X_DEBUG(25, "SADB_X_EXT_DEBUG", Layout.RAW),
    X_PROTOCOL(26, "SADB_X_EXT_PROTOCOL", Layout.PROTOCOL),
    X_NAT_T_TYPE(27, "SADB_X_EXT_NAT_T_TYPE", Layout.NAT_T_TYPE),
    X_NAT_T_SPORT(28, "SADB_X_EXT_NAT_T_SPORT", Layout.NAT_T_PORT),
    X_NAT_T_DPORT(29, "SADB_X_EXT_NAT_T_DPORT", Layout.NAT_T_PORT),
    X_NAT_T_OA(30, "SADB_X_EXT_NAT_T_OA", Layout.ADDRESS);

    /** The wire layout an extension type uses, which is the record that carries it. */
    public enum Layout {
        /** {@link SadbSa}. */ SA,
        /** {@link SadbLifetime}. */ LIFETIME,
        /** {@link SadbAddress}. */ ADDRESS,
        /** {@link SadbKey}. */ KEY,
        /** {@link SadbIdent}. */ IDENT,
        /** {@code sadb_sens}, checked and then carried as a {@link RawExtension}. */ SENS,
        /** {@link SadbProp}. */ PROP,
        /** {@link SadbSupported}. */ SUPPORTED,
        /** {@link SadbSpirange}. */ SPIRANGE,
        /** {@link SadbXSatype}. */ SATYPE,
        /** {@link SadbProtocol}. */ PROTOCOL,
        /** {@link SadbXNatTType}. */ NAT_T_TYPE,
        /** {@link SadbXNatTPort}. */ NAT_T_PORT,
        /** carried as a {@link RawExtension}, bytes unexamined. */ RAW
    }

    private final int value;
    private final String sadbName;
    private final Layout layout;

    ExtType(int value, String sadbName, Layout layout) {
        this.value = value;
        this.sadbName = sadbName;
        this.layout = layout;
    }

    public int value() {
        return value;
    }

    public String sadbName() {
        return sadbName;
    }

    public Layout layout() {
        return layout;
    }

    public static Optional<ExtType> of(int value) {
        ExtType[] all = values();
        return value >= 1 && value <= all.length ? Optional.of(all[value - 1]) : Optional.empty();
    }

    /** The C name of extension type {@code value}, or {@code ext type N} if unknown. */
    static String nameOf(int value) {
        return of(value).map(ExtType::sadbName).orElse("ext type " + value);
    }

    void requireLayout(Layout expected, String record) {
        if (layout != expected) {
            throw new IllegalArgumentException(sadbName + " is not carried by " + record);
        }
    }
}
