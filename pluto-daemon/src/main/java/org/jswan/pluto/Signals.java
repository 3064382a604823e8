package org.jswan.pluto;

import org.jswan.ike.engine.Input;
import sun.misc.Signal;

/**
 * SIGTERM and SIGHUP become inputs on the loop thread (pluto(8) SIGNALS): the handler only posts
 * to the {@link Inbox}; the engine decides what they mean ({@code Terminate} → exit 0,
 * {@code Hangup} → the "perhaps you want whack --listen" hint).
 */
final class Signals {
    private Signals() {
    }

    static void install(Inbox inbox, PlutoLog log) {
        handle("TERM", inbox, log, Input.Terminate::new);
        handle("HUP", inbox, log, Input.Hangup::new);
    }

    private static void handle(String name, Inbox inbox, PlutoLog log,
                               java.util.function.Function<org.jswan.ike.base.MonoTime, Input> input) {
        try {
            Signal.handle(new Signal(name), s -> inbox.post(input));
        } catch (IllegalArgumentException e) {
            log.error("unable to handle SIG" + name + ": " + e.getMessage());
        }
    }
}
