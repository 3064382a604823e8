package org.jswan.pluto;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * How the daemon tells whoever started it that it is ready, or why it is not.
 *
 * <p>{@link #foreground()} ({@code --nofork}): prints {@code Pluto initialized} on stdout.
 * {@link #toParent()} (the daemon a forking pluto started): one line per event on stdout, which
 * is a pipe to the waiting parent ({@code NOTE text}, {@code FAIL text}, {@code READY pid});
 * after {@code READY} stdout is switched to a null stream so that nothing else reaches the pipe.
 */
interface Readiness {
    /** Something the user should see even when the log goes nowhere they look. */
    void note(String text);

    /** Start-up failed; the process is about to exit. */
    void fail(String text);

    /** The lock file and control socket exist and whack may connect. */
    void ready(long pid);

    static Readiness foreground() {
        return new Readiness() {
            @Override
            public void note(String text) {
                // --nofork: the log itself (stderr or syslog) says it
            }

            @Override
            public void fail(String text) {
                System.err.println("pluto: " + text);
                System.err.flush();
            }

            @Override
            public void ready(long pid) {
                System.out.print("Pluto initialized\n");
                System.out.flush();
            }
        };
    }

    static Readiness toParent() {
        PrintStream pipe = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        return new Readiness() {
            @Override
            public void note(String text) {
                pipe.print("NOTE " + oneLine(text) + "\n");
                pipe.flush();
            }

            @Override
            public void fail(String text) {
                pipe.print("FAIL " + oneLine(text) + "\n");
                pipe.flush();
            }

            @Override
            public void ready(long pid) {
                pipe.print("READY " + pid + "\n");
                pipe.flush();
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            }
        };
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
