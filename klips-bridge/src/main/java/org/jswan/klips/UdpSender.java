package org.jswan.klips;

import java.net.InetAddress;

/**
 * Sends one ESP-in-UDP datagram (RFC 3948) through pluto's NAT-T socket: the kernel has no
 * socket of its own on port 4500, so pluto lends its one. {@code payload} starts with the ESP
 * SPI (never the non-ESP marker); pluto sends it as one UDP datagram from {@code src:srcPort}.
 * Called from a KLIPS datapath thread; it must not block for long, and the array is the
 * caller's to keep.
 */
@FunctionalInterface
public interface UdpSender {
    void send(InetAddress src, int srcPort, InetAddress dst, int dstPort, byte[] payload);

    /** For a backend built without pluto's socket: every datagram is dropped. */
    UdpSender NONE = (src, srcPort, dst, dstPort, payload) -> { };
}
