package org.jswan.interop;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling: every wait in the suite has both a deadline and a maximum number of polls. */
final class Wait {
    static final Duration POLL = Duration.ofMillis(100);

    private Wait() {
    }

    /** Polls {@code condition} every 100 ms until it holds; false at the deadline. */
    static boolean until(Duration timeout, BooleanSupplier condition) {
        return poll(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    /** Like {@link #until} but an AssertionError naming {@code what} at the deadline. */
    static void require(String what, Duration timeout, BooleanSupplier condition) {
        if (!until(timeout, condition)) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
    }

    /** Polls until {@code probe} yields a value; empty at the deadline. */
    static <T> Optional<T> poll(Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long maxPolls = timeout.toMillis() / POLL.toMillis() + 1;
        for (long i = 0; i < maxPolls; i++) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            sleep(POLL);
        }
        return Optional.empty();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
