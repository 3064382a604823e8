package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * A long-running process this harness started (charon, pluto, tshark), with its output in files.
 *
 * <p>It is only ever signalled by its own PID, and only after {@link #ours()} has confirmed from
 * {@code /proc/PID} that the PID still names the process we started: PIDs wrap quickly on a busy
 * machine, and a test must never signal someone else's process.
 */
final class Daemon implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;
    private final LongPredicate identity;

    private Daemon(String name, Process process, Path out, Path err, LongPredicate identity) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
        this.identity = identity;
    }

    /**
     * Starts {@code command} with stdin from /dev/null and stdout/stderr appended to the two files.
     *
     * @param identity true if a live PID is still the process started here (checked before every signal)
     */
    static Daemon start(String name, List<String> command, Map<String, String> env, Path out, Path err,
                        LongPredicate identity) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            pb.environment().putAll(env);
            Daemon d = new Daemon(name, pb.start(), out, err, identity);
            Teardown.register(d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status once it has exited, else empty. */
    java.util.OptionalInt exitStatus() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    Path stdout() {
        return out;
    }

    Path stderr() {
        return err;
    }

    /** True if the process is alive and {@code /proc/PID} still shows the process we started. */
    boolean ours() {
        return process.isAlive() && identity.test(process.pid());
    }

    /** Waits (bounded) for the process to exit by itself; true if it did. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Sends {@code signal} (e.g. "INT") by PID, after checking the PID is still ours. */
    boolean signal(String signal) {
        if (!ours()) {
            return false;
        }
        return Exec.run(Duration.ofSeconds(5), "kill", "-" + signal, Long.toString(pid())).ok();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; each only while the PID is verifiably ours. */
    void stop(Duration grace) {
        try {
            if (ours()) {
                process.destroy();
                if (!awaitExit(grace) && ours()) {
                    System.err.println("interop: " + name + " (PID " + pid() + ") ignored SIGTERM; sending SIGKILL");
                    process.destroyForcibly();
                    awaitExit(Duration.ofSeconds(5));
                }
            }
        } finally {
            Teardown.done(this);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return name + " (PID " + pid() + ")";
    }

    // --- /proc helpers, for identity checks -------------------------------------------------

    /** The process's command line, NULs turned into spaces ("" if it is gone). */
    static String cmdline(long pid) {
        return procFile(pid, "cmdline").replace('\0', ' ').trim();
    }

    /** True if the process's environment holds exactly {@code entry} ("NAME=value"). */
    static boolean environHas(long pid, String entry) {
        for (String e : procFile(pid, "environ").split("\0")) {
            if (e.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** The target of {@code /proc/PID/exe} ("" if unreadable). */
    static String exe(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static String procFile(long pid, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
