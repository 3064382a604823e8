package org.jswan.klips.pfkey;

import java.io.IOException;

/**
 * pluto's end of a PF_KEY socket ({@code socket(PF_KEY, SOCK_RAW, PF_KEY_V2)}): one message per
 * write, one message per read. What comes back is, in the kernel's order, its replies to our
 * requests and its unsolicited messages ({@code SADB_ACQUIRE}, {@code SADB_EXPIRE}, pid 0).
 * {@link InProcessPfKeySocket} connects pluto to the userspace KLIPS; an {@code AF_KEY} socket is
 * another implementation. One thread writes and one thread reads.
 */
public interface PfKeySocket extends AutoCloseable {
    /**
     * Sends one whole message, as {@code write(2)}. The kernel has read it when this returns (the
     * caller may zeroise the array). A kernel answers a bad request with an error reply; only a
     * message whose base header it cannot take fails the write itself.
     *
     * @throws PfKeyException the write failed with {@link PfKeyException#errno()}
     * @throws IOException    the socket is closed or broken
     */
    void write(byte[] message) throws PfKeyException, IOException;

    /**
     * Waits at most {@code timeoutMillis} for the next message from the kernel.
     *
     * @return the message's bytes, or null when none came in time
     * @throws IOException once the socket is closed
     */
    byte[] read(int timeoutMillis) throws IOException;

    /** Closes the socket; a thread blocked in {@link #read} returns promptly. */
    @Override
    void close();
}
