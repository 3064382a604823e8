package org.jswan.klips.pfkey;

/**
 * Bits of {@code sadb_sa_flags}: RFC 2367's {@code SADB_SAFLAGS_PFS} and KLIPS's eroute flags.
 * A bit set, so constants rather than an enum.
 */
public final class SaFlags {
    /** {@code SADB_SAFLAGS_PFS}. */
    public static final int PFS = 1;
    /** {@code SADB_X_SAFLAGS_REPLACEFLOW}: an {@code SADB_X_ADDFLOW} replaces an existing eroute (ERO_REPLACE). */
    public static final int X_REPLACEFLOW = 2;
    /** {@code SADB_X_SAFLAGS_CLEARFLOW}: an {@code SADB_X_DELFLOW} clears every eroute. */
    public static final int X_CLEARFLOW = 4;
    /** {@code SADB_X_SAFLAGS_INFLOW}: the flow is an inbound policy check. */
    public static final int X_INFLOW = 8;
    /**
     * jswan: on an {@code SADB_ADD} / {@code SADB_UPDATE}, the SA is inbound (its destination is
     * this host). KLIPS told the direction from its own addresses; the userspace KLIPS has none.
     */
    public static final int X_JSWAN_INBOUND = 0x1_0000;
    /**
     * jswan: on an {@code SADB_ADD} / {@code SADB_UPDATE} of an inbound SA, pluto's
     * {@code --disablearrivalcheck}: decapsulated packets are not checked against the SA's flow.
     */
    public static final int X_JSWAN_NOARRIVALCHECK = 0x2_0000;

    private SaFlags() {
    }
}
