package org.jswan.ike.engine;

import org.jswan.ike.wire.NotifyType;

/** What a state transition handler decided (STYLE habit 7). */
sealed interface Step {
    /** The transition is complete: move to the row's next state. */
    record Ok() implements Step {
    }

    /** Run {@code task} off the loop thread, then continue with {@code resume}. */
    record Suspend(Effect.CryptoTask task, State.Resume resume) implements Step {
    }

    /** Nothing changes (the reason has been logged). */
    record Ignore() implements Step {
    }

    /** The message is refused with {@code notification}; {@code detail} says why (null if already logged). */
    record Fail(NotifyType notification, String detail) implements Step {
    }

    Step OK = new Ok();
    Step IGNORE = new Ignore();

    static Step fail(NotifyType n, String detail) {
        return new Fail(n, detail);
    }
}
