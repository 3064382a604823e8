package org.jswan.klips;

import java.net.InetAddress;
import java.util.Objects;

/**
 * {@code SADB_ACQUIRE}: a packet hit a {@code %trap} eroute, so the kernel asks pluto for an SA.
 * The packet is held until an eroute with an SA (or another shunt) covers it, or until it times out.
 *
 * @param src        the packet's source address
 * @param dst        the packet's destination address
 * @param protocol   its transport protocol (1 ICMP, 6 TCP, 17 UDP, ...)
 * @param srcPort    its source port, 0 when the protocol has none
 * @param dstPort    its destination port, 0 when the protocol has none
 * @param ourClient  the trap eroute's source network
 * @param peerClient the trap eroute's destination network
 */
public record Acquire(InetAddress src, InetAddress dst, int protocol, int srcPort, int dstPort,
                      Net ourClient, Net peerClient) {
    public Acquire {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(ourClient, "ourClient");
        Objects.requireNonNull(peerClient, "peerClient");
    }

    @Override
    public String toString() {
        return "acquire " + src.getHostAddress() + (srcPort != 0 ? ":" + srcPort : "") + " -> "
                + dst.getHostAddress() + (dstPort != 0 ? ":" + dstPort : "") + " proto " + protocol
                + " (eroute " + ourClient + " -> " + peerClient + ")";
    }
}
