package org.jswan.pluto;

import org.jswan.ike.engine.Effect;

/** Where pluto's log lines go: syslog, stderr, or (in tests) a list. */
@FunctionalInterface
interface LogSink {
    /** {@code text} is complete: debug lines already start with {@code "| "}. */
    void write(Effect.LogLevel level, String text);
}
