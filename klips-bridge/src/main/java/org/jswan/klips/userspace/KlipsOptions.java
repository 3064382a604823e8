package org.jswan.klips.userspace;

import java.time.Duration;
import java.util.Objects;

/**
 * How the userspace KLIPS is set up.
 *
 * @param interfaceName     the TUN device, pluto(8)'s {@code ipsecN} ({@code ipsec0})
 * @param mtu               its MTU: inner packets larger than this are fragmented by the stack
 *                          before they reach us (1400 leaves room for ESP-in-UDP on a 1500 link)
 * @param physicalInterface the interface {@code ipsec0} is attached to (KLIPS's
 *                          {@code ipsec0=eth0}); outgoing raw packets are bound to it. Null: routed
 *                          by destination
 * @param outerMtu          encapsulated packets longer than this are fragmented by us
 * @param holdTimeout       how long a packet caught by {@code %trap}/{@code %hold} waits for an SA
 * @param holdPerFlow       packets kept per (source, destination) pair while held
 * @param holdTotal         packets kept over all held pairs
 * @param ipcompThreshold   payloads shorter than this are not compressed
 * @param manageRoutes      {@link org.jswan.klips.Kernel#route} adds/deletes the route itself
 *                          ({@code ip route}); off when updown does it
 * @param debug             log every dropped packet (KLIPS's {@code klipsdebug})
 */
public record KlipsOptions(String interfaceName, int mtu, String physicalInterface, int outerMtu,
                           Duration holdTimeout, int holdPerFlow, int holdTotal, int ipcompThreshold,
                           boolean manageRoutes, boolean debug) {
    public KlipsOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(holdTimeout, "holdTimeout");
        if (mtu < 576 || mtu > 65535 || outerMtu < 576 || outerMtu > 65535) {
            throw new IllegalArgumentException("MTU out of range");
        }
        if (holdPerFlow < 1 || holdTotal < holdPerFlow) {
            throw new IllegalArgumentException("hold queue bounds");
        }
    }

    public static KlipsOptions defaults() {
        return new KlipsOptions("ipsec0", 1400, null, 1500, Duration.ofSeconds(20), 8, 256, 90, true, false);
    }

    public KlipsOptions withInterfaceName(String name) {
        return new KlipsOptions(name, mtu, physicalInterface, outerMtu, holdTimeout, holdPerFlow, holdTotal,
                ipcompThreshold, manageRoutes, debug);
    }

    public KlipsOptions withPhysicalInterface(String name) {
        return new KlipsOptions(interfaceName, mtu, name, outerMtu, holdTimeout, holdPerFlow, holdTotal,
                ipcompThreshold, manageRoutes, debug);
    }

    public KlipsOptions withHoldTimeout(Duration timeout) {
        return new KlipsOptions(interfaceName, mtu, physicalInterface, outerMtu, timeout, holdPerFlow, holdTotal,
                ipcompThreshold, manageRoutes, debug);
    }

    public KlipsOptions withManageRoutes(boolean manage) {
        return new KlipsOptions(interfaceName, mtu, physicalInterface, outerMtu, holdTimeout, holdPerFlow, holdTotal,
                ipcompThreshold, manage, debug);
    }

    public KlipsOptions withDebug(boolean on) {
        return new KlipsOptions(interfaceName, mtu, physicalInterface, outerMtu, holdTimeout, holdPerFlow, holdTotal,
                ipcompThreshold, manageRoutes, on);
    }
}
