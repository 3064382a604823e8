package org.jswan.pluto;

import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.engine.Input;

/**
 * Inputs that arise off the loop thread (finished crypto jobs, signals). They are stamped with
 * the loop's time when the loop takes them, and posting one wakes the selector.
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Function<MonoTime, Input>> queue = new ConcurrentLinkedQueue<>();
    private final Selector selector;

    Inbox(Selector selector) {
        this.selector = selector;
    }

    /** Thread-safe. */
    void post(Function<MonoTime, Input> input) {
        queue.add(input);
        selector.wakeup();
    }

    /** Loop thread only: the next waiting input stamped {@code now}, or null. */
    Input poll(MonoTime now) {
        Function<MonoTime, Input> f = queue.poll();
        return f == null ? null : f.apply(now);
    }
}
