package org.jswan.klips.userspace;

import java.io.IOException;

/**
 * Where the datapath reads and writes IP packets: the TUN device {@code ipsec0} (packets the
 * stack routes into IPsec, and the decapsulated ones it gets back) or the "wire" (raw IP sockets:
 * ESP/AH/IPComp in, encapsulated and passed packets out). Tests give both as memory queues.
 */
public interface PacketPort extends AutoCloseable {
    /**
     * Waits at most {@code timeoutMillis} for one packet and copies it to {@code buf}.
     *
     * @return its length, 0 when none came in time, -1 once the port is closed
     */
    int receive(byte[] buf, int timeoutMillis) throws IOException;

    /** Sends one whole IP packet. Thread-safe. */
    void send(byte[] packet, int off, int len) throws IOException;

    /** Wakes a thread waiting in {@link #receive} and releases the device. */
    @Override
    void close();
}
