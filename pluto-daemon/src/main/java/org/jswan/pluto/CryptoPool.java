package org.jswan.pluto;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jswan.ike.engine.Effect;
import org.jswan.ike.engine.Input;

/**
 * Runs the engine's crypto jobs (modexp, RSA) off the loop thread on a small fixed pool. Each
 * result, or the {@link Throwable} a job threw, comes back through the {@link Inbox} as
 * {@link Input.CryptoDone}.
 */
final class CryptoPool implements AutoCloseable {
    static final int THREADS = 2;

    private final ExecutorService pool;
    private final Inbox inbox;

    CryptoPool(Inbox inbox) {
        this.inbox = inbox;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "pluto-crypto-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(THREADS, tf);
    }

    /** @return false if the pool is shut down and the job was not started */
    boolean start(long job, Effect.CryptoTask task) {
        try {
            pool.execute(() -> {
                Object result;
                try {
                    result = task.run();
                } catch (Throwable t) {
                    result = t;
                }
                Object r = result;
                inbox.post(now -> new Input.CryptoDone(job, r, now));
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
