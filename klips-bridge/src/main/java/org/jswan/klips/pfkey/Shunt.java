package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * KLIPS's shunt eroutes: an {@code SADB_X_ADDFLOW} with SA type {@link SaType#X_INT} whose SPI
 * names what happens to matching packets ({@code SPI_PASS} ... in FreeS/WAN's {@code ipsec_param.h};
 * facts §9). {@code TRAPSUBNET} is FreeS/WAN 2.x.
 */
public enum Shunt {
    PASS(256, "%pass"),
    DROP(257, "%drop"),
    REJECT(258, "%reject"),
    HOLD(259, "%hold"),
    TRAP(260, "%trap"),
    TRAPSUBNET(261, "%trapsubnet");

    private final int spi;
    private final String text;

    Shunt(int spi, String text) {
        this.spi = spi;
        this.text = text;
    }

    public int spi() {
        return spi;
    }

    /** pluto's name for it: {@code %pass}. */
    public String text() {
        return text;
    }

    public static Optional<Shunt> ofSpi(long spi) {
        for (Shunt s : values()) {
            if (s.spi == spi) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
