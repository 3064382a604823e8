package org.jswan.klips;

/**
 * Receives the kernel's ACQUIREs. Called from a KLIPS datapath thread, never while the kernel
 * holds a lock: pluto hands the event to its loop thread (and may call back into the kernel).
 */
@FunctionalInterface
public interface AcquireListener {
    void acquire(Acquire acquire);

    AcquireListener NONE = a -> { };
}
