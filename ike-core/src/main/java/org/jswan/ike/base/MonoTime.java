package org.jswan.ike.base;

import java.time.Duration;

/**
 * A point on a monotonic clock, in nanoseconds from an arbitrary origin. The engine never reads
 * a clock: every input carries one of these. Wall-clock time is a different type
 * ({@link java.time.Instant}) and is used only for display.
 */
public record MonoTime(long nanos) implements Comparable<MonoTime> {
    public static final MonoTime ZERO = new MonoTime(0);

    public static MonoTime ofSeconds(long s) {
        return new MonoTime(s * 1_000_000_000L);
    }

    public static MonoTime ofMillis(long ms) {
        return new MonoTime(ms * 1_000_000L);
    }

    public MonoTime plus(Duration d) {
        return new MonoTime(nanos + d.toNanos());
    }

    public MonoTime minus(Duration d) {
        return new MonoTime(nanos - d.toNanos());
    }

    public Duration since(MonoTime earlier) {
        return Duration.ofNanos(nanos - earlier.nanos);
    }

    public Duration until(MonoTime later) {
        return Duration.ofNanos(later.nanos - nanos);
    }

    public boolean isBefore(MonoTime o) {
        return nanos < o.nanos;
    }

    public boolean isAfter(MonoTime o) {
        return nanos > o.nanos;
    }

    @Override
    public int compareTo(MonoTime o) {
        return Long.compare(nanos, o.nanos);
    }

    @Override
    public String toString() {
        return String.format("%d.%03ds", nanos / 1_000_000_000L, (nanos / 1_000_000L) % 1000);
    }
}
