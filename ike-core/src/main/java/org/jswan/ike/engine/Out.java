package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Rc;

/**
 * Collects the effects of one input and writes pluto-style log lines: the state's context
 * prefix, a copy to the whack that is following the state (RC 2 for plain lines, RC 3 for
 * serious ones), and debug lines prefixed {@code "| "} only for the enabled debug classes.
 */
final class Out {
    final List<Effect> effects = new ArrayList<>();
    private long debugging;

    Out(long debugging) {
        this.debugging = debugging;
    }

    void setDebugging(long d) {
        debugging = d;
    }

    long debugging() {
        return debugging;
    }

    boolean dbg(long cls) {
        return (debugging & cls) != 0;
    }

    /** Secrets may be shown only with --debug-private (and the class asked for). */
    boolean dbgPrivate(long cls) {
        return dbg(cls) && dbg(Debug.PRIVATE);
    }

    void add(Effect e) {
        effects.add(e);
    }

    void send(Endpoint from, Endpoint to, Bytes data) {
        effects.add(new Effect.Send(from, to, data));
        if (dbg(Debug.RAW)) {
            debug("sending " + data.length() + " bytes to " + to + " from " + from);
        }
    }

    void log(String text) {
        effects.add(new Effect.Log(Effect.LogLevel.INFO, text));
    }

    void error(String text) {
        effects.add(new Effect.Log(Effect.LogLevel.ERROR, text));
    }

    void debug(String text) {
        effects.add(new Effect.Log(Effect.LogLevel.DEBUG, "| " + text));
    }

    /** A state's ordinary log line, copied to its whack with RC 2. */
    void log(State st, String text) {
        log(st.prefix() + text);
        if (st.whack >= 0) {
            whack(st.whack, Rc.LOG.code(), st.prefix() + text);
        }
    }

    /** A serious line (loglog with RC 3 or another RC), logged and copied to the state's whack. */
    void loglog(State st, int rc, String text) {
        error(st.prefix() + text);
        if (st.whack >= 0) {
            whack(st.whack, rc, st.prefix() + text);
        }
    }

    /** A progress line: logged, and sent to the state's whack with its RC (1xx, 004, 010, 031, 2xx). */
    void progress(State st, int rc, String text) {
        log(st.prefix() + text);
        if (st.whack >= 0) {
            whack(st.whack, rc, st.prefix() + text);
        }
    }

    void whack(long client, int rc, String text) {
        effects.add(new Effect.WhackLine(client, rc, text));
    }

    void whackDone(long client) {
        effects.add(new Effect.WhackDone(client));
    }

    /** Log a whack-command line and echo it to that whack. */
    void logWhack(long client, int rc, String text) {
        if (rc == Rc.LOG.code() || rc == Rc.COMMENT.code()) {
            log(text);
        } else {
            error(text);
        }
        if (client >= 0) {
            whack(client, rc, text);
        }
    }
}
