package org.jswan.updown;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs an updown command as {@code /bin/sh -c <command>} with {@code PLUTO_VERB} and the given
 * {@code PLUTO_*} variables added to its environment.
 *
 * <p>FreeS/WAN: the variables were written into the command string as shell assignments and
 * the whole string given to {@code popen()}; jswan: they travel in the environment only, so
 * a peer-chosen ID such as {@code @$(reboot)} reaches the script verbatim and is never parsed
 * by a shell (security-and-users A0 row 9, A3.8).
 *
 * <p>{@link #run} blocks its caller until the command ends or its timeout passes; pluto calls
 * it off the loop thread.
 */
public final class UpdownRunner {
    /** Output beyond this many lines is counted but not kept. */
    public static final int MAX_OUTPUT_LINES = 1000;
    /** A line longer than this is cut. */
    public static final int MAX_LINE_CHARS = 4096;

    private final String shell;

    /** Uses {@code /bin/sh}. */
    public UpdownRunner() {
        this("/bin/sh");
    }

    public UpdownRunner(String shell) {
        this.shell = Objects.requireNonNull(shell, "shell");
    }

    /**
     * Runs {@code command} for {@code verb} ({@code prepare-host}, {@code up-client}, ...).
     *
     * @param env extra environment variables, usually all {@code PLUTO_*}; a {@code PLUTO_VERB}
     *     entry here is overridden by {@code verb}
     */
    public UpdownResult run(String command, String verb, Map<String, String> env, Duration timeout) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(verb, "verb");
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", command);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> penv = pb.environment();
        for (Map.Entry<String, String> e : env.entrySet()) {
            checkVariable(e.getKey(), e.getValue());
            penv.put(e.getKey(), e.getValue());
        }
        penv.put("PLUTO_VERB", verb);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new UpdownResult(-1, List.of(), false, since(start),
                    "unable to start updown command \"" + command + "\": " + e.getMessage());
        }
        OutputCollector out = new OutputCollector(p.getInputStream());
        Thread reader = new Thread(out, "updown-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            return new UpdownResult(-1, out.lines(), false, since(start),
                    "interrupted while running updown " + verb + "; command killed");
        }
        if (!finished) {
            kill(p);
            joinQuietly(reader);
            return new UpdownResult(-1, out.lines(), true, since(start),
                    "updown " + verb + " did not finish within " + describe(timeout) + "; command killed");
        }
        joinQuietly(reader);
        return new UpdownResult(p.exitValue(), out.lines(), false, since(start), null);
    }

    private static void checkVariable(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad environment variable name \"" + name + "\"");
        }
        if (value == null || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable " + name + " has a NUL or no value");
        }
    }

    /** Kills the shell and whatever it started, harshly: a hung updown must not outlive its run. */
    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Reads the merged output to its end, keeping a bounded number of lines. */
    private static final class OutputCollector implements Runnable {
        private final InputStream in;
        private final List<String> kept = new ArrayList<>();
        private long dropped;

        OutputCollector(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    add(line);
                }
            } catch (IOException e) {
                // The process was killed or closed its output: what was read is kept.
            }
        }

        private synchronized void add(String line) {
            if (kept.size() < MAX_OUTPUT_LINES) {
                kept.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line);
            } else {
                dropped++;
            }
        }

        synchronized List<String> lines() {
            List<String> out = new ArrayList<>(kept);
            if (dropped > 0) {
                out.add("(" + dropped + " more lines of output not kept)");
            }
            return out;
        }
    }
}
