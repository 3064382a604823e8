package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to completion within a time bound and captures what it printed. stdout and
 * stderr go to temporary files, not pipes, so a command that leaves a background child holding
 * them open cannot hang the caller. A command still running at its deadline is killed (it is our
 * own, unreaped child, so its PID cannot have been reused).
 */
final class Exec {
    private Exec() {
    }

    /** What one command did: exit status (-1 if it was killed at its deadline) and its output. */
    record Result(List<String> command, int exit, boolean timedOut, List<String> out, List<String> err,
                  Duration took) {
        boolean ok() {
            return exit == 0 && !timedOut;
        }

        /** stdout then stderr, one list. */
        List<String> lines() {
            List<String> all = new ArrayList<>(out);
            all.addAll(err);
            return all;
        }

        String text() {
            return String.join("\n", lines());
        }

        /** This result, or an AssertionError that shows the command and everything it printed. */
        Result requireOk() {
            if (!ok()) {
                throw new AssertionError(describe());
            }
            return this;
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append("`").append(String.join(" ", command)).append("` ")
                    .append(timedOut ? "timed out after " + took.toMillis() + " ms" : "exited " + exit);
            for (String l : out) {
                sb.append("\n  | ").append(l);
            }
            for (String l : err) {
                sb.append("\n  ! ").append(l);
            }
            return sb.toString();
        }
    }

    static Result run(Duration timeout, String... command) {
        return run(timeout, Map.of(), List.of(command));
    }

    static Result run(Duration timeout, List<String> command) {
        return run(timeout, Map.of(), command);
    }

    static Result run(Duration timeout, Map<String, String> env, List<String> command) {
        Path out = null;
        Path err = null;
        long start = System.nanoTime();
        try {
            out = Files.createTempFile("jsw-exec", ".out");
            err = Files.createTempFile("jsw-exec", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while running " + command, e);
            }
            if (!done) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(List.copyOf(command), done ? p.exitValue() : -1, !done, read(out), read(err), took);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static List<String> read(Path p) throws IOException {
        // lenient: a stray non-UTF-8 byte becomes U+FFFD instead of failing the read
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines().toList();
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left in /tmp is harmless
            }
        }
    }
}
