package org.jswan.klips;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * KLIPS's shunt eroutes: an eroute whose SA is of type {@link SaProto#INT} with one of these
 * SPIs does not encrypt but passes, drops, rejects or holds the packet (facts §9; the SPIs are
 * those pluto sends in {@code SADB_X_ADDFLOW}).
 */
public enum Shunt {
    /** Send in the clear. */
    PASS(0x100, "%pass"),
    /** Discard silently. */
    DROP(0x101, "%drop"),
    /** Discard and tell the sender (ICMP destination unreachable). */
    REJECT(0x102, "%reject"),
    /** Keep the packet until the eroute changes; no ACQUIRE. */
    HOLD(0x103, "%hold"),
    /** Keep the packet and ask pluto for an SA (ACQUIRE). */
    TRAP(0x104, "%trap"),
    /** As {@link #TRAP}, for a whole subnet (FreeS/WAN 2.x). */
    TRAPSUBNET(0x105, "%trapsubnet");

    private static final InetAddress ANY = any();

    private final int spi;
    private final String text;

    Shunt(int spi, String text) {
        this.spi = spi;
        this.text = text;
    }

    public int spi() {
        return spi;
    }

    /** As KLIPS prints it: {@code %pass}. */
    public String text() {
        return text;
    }

    /** The eroute target for this shunt: {@code int} SA with this SPI and any-addresses. */
    public SaRef ref() {
        return new SaRef(SaProto.INT, spi, ANY, ANY);
    }

    /** The shunt an eroute target names, if it is one. */
    public static Optional<Shunt> of(SaRef sa) {
        if (sa == null || sa.proto() != SaProto.INT) {
            return Optional.empty();
        }
        for (Shunt s : values()) {
            if (s.spi == sa.spi()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static InetAddress any() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
