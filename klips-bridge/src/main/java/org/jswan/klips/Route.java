package org.jswan.klips;

import java.net.InetAddress;
import java.util.Objects;

/** A route that sends the peer's client network through the IPsec interface {@code iface}. */
public record Route(Op op, Net peerClient, String iface, InetAddress nextHop) {
    public enum Op { ROUTE, UNROUTE }

    public Route {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(peerClient, "peerClient");
        Objects.requireNonNull(iface, "iface");
    }

    @Override
    public String toString() {
        return op.name().toLowerCase() + " " + peerClient + " via " + iface
                + (nextHop == null ? "" : " nexthop " + nextHop.getHostAddress());
    }
}
