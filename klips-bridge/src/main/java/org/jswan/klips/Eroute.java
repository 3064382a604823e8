package org.jswan.klips;

import java.util.Objects;

/**
 * An eroute: traffic from {@code ourClient} to {@code peerClient} goes through SA {@code sa} (the
 * outermost of its group), or a shunt when {@code sa}'s protocol is a KLIPS internal type.
 */
public record Eroute(Op op, Net ourClient, Net peerClient, SaRef sa) {
    /** {@code ERO_ADD}, {@code ERO_REPLACE} and {@code ERO_DELETE}. */
    public enum Op { ADD, REPLACE, DELETE }

    public Eroute {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(ourClient, "ourClient");
        Objects.requireNonNull(peerClient, "peerClient");
    }

    @Override
    public String toString() {
        return op.name().toLowerCase() + " eroute " + ourClient + " -> " + peerClient
                + (sa == null ? "" : " => " + sa);
    }
}
