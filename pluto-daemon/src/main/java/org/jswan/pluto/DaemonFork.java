package org.jswan.pluto;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The "daemon fork" without fork(2): Java cannot fork, so the pluto the user ran starts the same
 * JVM command again (under {@code setsid} when there is one) with an internal option, and
 * waits, at most {@link #READY_TIMEOUT}, until the new process says on a pipe that its control
 * socket is listening. Then, as FreeS/WAN's parent did, it writes the daemon's pid into the lock
 * file and exits 0. If the daemon exits first, its status is the parent's.
 *
 * <p>The daemon's stdin and stdout are /dev/null (stdout after the pipe's last message); its
 * stderr is /dev/null too, except with {@code --stderrlog}, where it inherits the parent's
 * stderr so the log goes where the user asked (FreeS/WAN likewise kept stderr open then).
 */
final class DaemonFork {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final String EOF = "\0eof";

    private DaemonFork() {
    }

    /**
     * Parent side. {@code lock} was just created by this process and is empty.
     *
     * @return the exit status of the pluto the user ran
     */
    static int launch(PlutoOptions o, LockFile lock, String mainClass) {
        List<String> cmd = command(o, mainClass);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        pb.redirectError(o.stderrLog() ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            System.err.println("pluto: unable to start the daemon process: " + e.getMessage());
            lock.remove();
            return 1;
        }
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(child, lines), "pluto-ready-pipe");
        reader.setDaemon(true);
        reader.start();

        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                line = null;
            }
            if (line == null) {
                System.err.println("pluto: the daemon did not become ready within " + READY_TIMEOUT.toSeconds()
                        + " s; stopping it");
                child.destroyForcibly();
                waitQuietly(child, Duration.ofSeconds(5));
                LockFile.deleteQuietly(Pluto.ctlPath(o));
                lock.remove();
                return 1;
            }
            if (line.startsWith("READY ")) {
                return ready(line.substring(6).trim(), lock);
            }
            if (line.startsWith("NOTE ") || line.startsWith("FAIL ")) {
                System.err.println("pluto: " + line.substring(5));
                continue;
            }
            if (line.equals(EOF)) {
                int status = waitQuietly(child, Duration.ofSeconds(10));
                lock.remove();
                return status == 0 ? 1 : status;
            }
            // Anything else on the pipe is not ours to interpret.
        }
    }

    private static int ready(String pidText, LockFile lock) {
        try {
            lock.writePidAndClose(Long.parseLong(pidText));
            return 0;
        } catch (IOException | NumberFormatException e) {
            System.err.println("pluto: unable to write the daemon's pid into \"" + lock.path() + "\": "
                    + e.getMessage());
            return 1;
        }
    }

    private static void readLines(Process child, LinkedBlockingQueue<String> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                out.add(l);
            }
        } catch (IOException e) {
            // treated as end of file
        }
        out.add(EOF);
    }

    /** @return the exit status, or 1 if the process did not end in time */
    private static int waitQuietly(Process p, Duration d) {
        try {
            if (p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
                return p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }

    /** The same JVM, class path and JVM options; the options with files expanded; the marker. */
    static List<String> command(PlutoOptions o, String mainClass) {
        List<String> cmd = new ArrayList<>();
        String setsid = onPath("setsid");
        if (setsid != null) {
            cmd.add(setsid);
        }
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger agent's port would clash in the second JVM.
            if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.add("--" + PlutoOptions.DAEMON_CHILD);
        cmd.addAll(o.expanded());
        return cmd;
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        if (path != null) {
            dirs.addAll(0, List.of(path.split(File.pathSeparator)));
        }
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
