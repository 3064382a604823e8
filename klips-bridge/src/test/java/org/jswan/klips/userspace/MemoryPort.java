package org.jswan.klips.userspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link PacketPort} in memory: tests inject what it receives and read what was sent. */
final class MemoryPort implements PacketPort {
    final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    @Override
    public int receive(byte[] buf, int timeoutMillis) throws java.io.IOException {
        if (closed) {
            return -1;
        }
        try {
            byte[] p = incoming.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (closed) {
                return -1;
            }
            if (p == null) {
                return 0;
            }
            System.arraycopy(p, 0, buf, 0, p.length);
            return p.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void send(byte[] packet, int off, int len) {
        sent.add(java.util.Arrays.copyOfRange(packet, off, off + len));
    }

    /** Everything sent so far, taken out. */
    List<byte[]> take() {
        List<byte[]> out = new ArrayList<>();
        sent.drainTo(out);
        return out;
    }

    /** Waits (bounded) for the next sent packet. */
    byte[] next(long millis) throws InterruptedException {
        return sent.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        incoming.add(new byte[0]);
    }
}
