package org.jswan.pluto;

import java.util.function.Supplier;
import org.jswan.ike.engine.Effect;

/**
 * The daemon's own log lines and the engine's {@link Effect.Log} records, written to one
 * {@link LogSink}. The daemon's debug lines obey the {@code --debug-*} set given at start-up.
 */
final class PlutoLog {
    private final LogSink sink;
    private final long debugging;

    PlutoLog(LogSink sink, long debugging) {
        this.sink = sink;
        this.debugging = debugging;
    }

    /** An engine record, written as it is. */
    void line(Effect.LogLevel level, String text) {
        sink.write(level, text);
    }

    void info(String text) {
        sink.write(Effect.LogLevel.INFO, text);
    }

    /** A serious problem; the text is prefixed {@code "ERROR: "} as pluto's log_errno does. */
    void error(String text) {
        sink.write(Effect.LogLevel.ERROR, "ERROR: " + text);
    }

    boolean debugging(long debugClass) {
        return (debugging & debugClass) != 0;
    }

    /** A {@code "| "} line, only when {@code debugClass} is on. */
    void debug(long debugClass, Supplier<String> text) {
        if (debugging(debugClass)) {
            sink.write(Effect.LogLevel.DEBUG, "| " + text.get());
        }
    }
}
