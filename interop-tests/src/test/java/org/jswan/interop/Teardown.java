package org.jswan.interop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last line of defence: everything the harness creates (processes, namespaces, temporary
 * directories) registers here and deregisters when it is closed normally. Whatever is still
 * registered when the JVM exits (a test that threw past its finally blocks, a failsafe timeout
 * that sent SIGTERM to the test JVM) is closed by one shutdown hook, newest first.
 *
 * <p>This is the harness's one piece of static mutable state, on purpose: a JVM has one set of
 * shutdown hooks.
 */
final class Teardown {
    private static final Deque<AutoCloseable> LIVE = new ArrayDeque<>();
    private static boolean hooked;

    private Teardown() {
    }

    static synchronized void register(AutoCloseable resource) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Teardown::closeAll, "interop-teardown"));
            hooked = true;
        }
        LIVE.push(resource);
    }

    static synchronized void done(AutoCloseable resource) {
        LIVE.removeIf(r -> r == resource);
    }

    /** Closes everything still registered, newest first; for the shutdown hook. */
    static void closeAll() {
        List<AutoCloseable> todo;
        synchronized (Teardown.class) {
            todo = new ArrayList<>(LIVE);
        }
        for (AutoCloseable r : todo) {
            try {
                System.err.println("interop: teardown at JVM exit: " + r);
                r.close();
            } catch (Exception | AssertionError e) {
                System.err.println("interop: teardown of " + r + " failed: " + e);
            }
        }
    }

    /** What is still registered (for the cleanup self-test). */
    static synchronized List<String> live() {
        List<String> names = new ArrayList<>();
        for (AutoCloseable r : LIVE) {
            names.add(r.toString());
        }
        return names;
    }
}
