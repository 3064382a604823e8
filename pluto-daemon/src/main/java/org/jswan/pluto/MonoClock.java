package org.jswan.pluto;

import org.jswan.ike.base.MonoTime;

/**
 * The daemon's one clock: {@link System#nanoTime()} counted from the daemon's start. Every input
 * handed to the engine is stamped from here.
 */
final class MonoClock {
    private final long origin = System.nanoTime();

    MonoTime now() {
        return new MonoTime(System.nanoTime() - origin);
    }
}
