package org.jswan.klips;

import java.util.Objects;

/**
 * An eroute: traffic from {@code ourClient} to {@code peerClient} goes through SA {@code sa} (any
 * SA of its group; KLIPS names the first one processed), or a shunt when {@code sa}'s protocol is
 * {@link SaProto#INT} ({@link Shunt#ref()}). {@code sa} may be null for {@link Op#DELETE}.
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
