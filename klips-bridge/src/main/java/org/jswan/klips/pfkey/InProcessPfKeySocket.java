package org.jswan.klips.pfkey;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A PF_KEY socket to a kernel in the same process (the userspace KLIPS). A write hands the bytes
 * to the kernel end on the writer's thread, as Linux's {@code pfkey_sendmsg} works in the
 * caller's context; the kernel answers by {@link #deliver}ing messages to the socket's receive
 * queue, from any thread. The queue is bounded like a socket's receive buffer: a message that
 * does not fit is dropped (the kernel counts it).
 */
public final class InProcessPfKeySocket implements PfKeySocket {
    /** The kernel end: it takes what pluto writes and is told when the socket closes. */
    public interface KernelEnd {
        /**
         * One message written to {@code socket}. Answers go to {@link #deliver}; a header the
         * kernel cannot take is thrown, and fails the write.
         */
        void write(InProcessPfKeySocket socket, byte[] message) throws PfKeyException;

        /** {@code socket} was closed: no more deliveries. */
        void closed(InProcessPfKeySocket socket);
    }

    private static final byte[] CLOSED = new byte[0];

    private final KernelEnd kernel;
    private final BlockingQueue<byte[]> received;
    private volatile boolean closed;

    /** @param queueLimit messages the receive queue holds */
    public InProcessPfKeySocket(KernelEnd kernel, int queueLimit) {
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queue limit " + queueLimit);
        }
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.received = new ArrayBlockingQueue<>(queueLimit + 1); // + 1 for the close marker
    }

    @Override
    public void write(byte[] message) throws PfKeyException, IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        kernel.write(this, message);
    }

    @Override
    public byte[] read(int timeoutMillis) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        byte[] m;
        try {
            m = received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedChannelException();
        }
        if (m == CLOSED || closed) {
            throw new ClosedChannelException();
        }
        return m;
    }

    /**
     * The kernel's side: queues one message for the reader (a copy of {@code message}).
     *
     * @return false when the socket is closed or its queue is full, and the message was dropped
     */
    public boolean deliver(byte[] message) {
        if (closed || received.remainingCapacity() <= 1) {
            return false;
        }
        return received.offer(message.clone());
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        received.clear();
        received.offer(CLOSED);
        kernel.closed(this);
    }

    @Override
    public String toString() {
        return "in-process PF_KEY socket";
    }
}
