package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * jswan's pluto, run as a separate process through the built tree's {@code bin/ipsec} inside a
 * namespace, and {@code bin/ipsec whack} to drive it:
 *
 * <pre>
 * ip netns exec NS bin/ipsec pluto --nofork --stderrlog --ctlbase CTL --secretsfile DIR/ipsec.secrets
 *     --ikeport 500 --nat-t-port 4500 [extra options]
 * </pre>
 *
 * stdout ({@code pluto.out}) carries "Pluto initialized"; stderr ({@code pluto.log}) is pluto's log.
 */
final class Jswan implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration WHACK_TIMEOUT = Duration.ofSeconds(30);

    private final Netns ns;
    private final Path dir;
    private final Path ctlBase;
    private final LogFile log;
    private Daemon daemon;

    private Jswan(Netns ns, Path dir, Path ctlBase) {
        this.ns = ns;
        this.dir = dir;
        this.ctlBase = ctlBase;
        this.log = new LogFile(dir.resolve("pluto.log"));
    }

    /** The jswan checkout the tests run: system property jswan.root (set by the pom), else "..". */
    static Path root() {
        return Path.of(System.getProperty("jswan.root", "..")).toAbsolutePath().normalize();
    }

    static Path ipsec() {
        return root().resolve("bin/ipsec");
    }

    /** What of the built tree is missing (empty when {@code mvn package} has run). */
    static List<String> missingBuild() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(ipsec())) {
            missing.add(ipsec() + " (jswan's front end)");
        }
        for (String m : List.of("pluto-daemon", "whack-cli")) {
            if (!Files.isRegularFile(root().resolve(m + "/target/" + m + ".jar"))) {
                missing.add(m + "/target/" + m + ".jar (run mvn -B -DskipTests package)");
            }
        }
        return missing;
    }

    /** How to start pluto. */
    record Options(String secrets, int ikePort, int natTPort, List<String> extra) {
        /** PSK {@code psk} between 192.0.2.1 and 192.0.2.2, IKE on 500, NAT-T on 4500. */
        static Options psk(String psk) {
            return new Options(Testbed.LEFT_IP + " " + Testbed.RIGHT_IP + " : PSK \"" + psk + "\"\n", 500, 4500,
                    List.of());
        }

        Options with(String... moreOptions) {
            List<String> e = new ArrayList<>(extra);
            e.addAll(List.of(moreOptions));
            return new Options(secrets, ikePort, natTPort, List.copyOf(e));
        }
    }

    /**
     * Writes ipsec.secrets into {@code dir}, starts pluto in {@code ns}, waits (≤ 30 s) for
     * "Pluto initialized", then {@code whack --listen}.
     *
     * @param shortDir where the control socket goes (AF_UNIX paths are short)
     */
    static Jswan start(Netns ns, Path dir, Path shortDir, Options o) {
        Jswan j = new Jswan(ns, dir, shortDir.resolve(ns.name().substring(ns.name().length() - 1) + "-pluto"));
        j.launch(o);
        return j;
    }

    private void launch(Options o) {
        Path secrets = dir.resolve("ipsec.secrets");
        try {
            Files.createDirectories(dir);
            Files.writeString(secrets, o.secrets());
            Files.writeString(log.path(), "=== " + java.time.LocalTime.now() + " pluto starts in " + ns.name() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(ipsec().toString(), "pluto", "--nofork", "--stderrlog",
                "--ctlbase", ctlBase.toString(), "--secretsfile", secrets.toString(),
                "--ikeport", Integer.toString(o.ikePort())));
        if (o.natTPort() > 0) {
            cmd.add("--nat-t-port");
            cmd.add(Integer.toString(o.natTPort()));
        }
        cmd.addAll(o.extra());
        Path out = dir.resolve("pluto.out");
        String marker = "--ctlbase " + ctlBase + " ";
        daemon = ns.start("pluto", cmd, Map.of(), out, log.path(), pid -> Daemon.cmdline(pid).contains(marker));
        LogFile stdout = new LogFile(out);
        long mark = 0;
        boolean up = Wait.until(START_TIMEOUT, () -> !daemon.alive()
                || stdout.since(mark).stream().anyMatch(l -> l.contains("Pluto initialized")));
        if (!up || !daemon.alive()) {
            String why = "pluto in " + ns.name() + " did not say \"Pluto initialized\" within "
                    + START_TIMEOUT.toSeconds() + " s" + (daemon.alive() ? "" : " (exited "
                    + daemon.exitStatus().orElse(-1) + ")") + "\n--- pluto.log ---\n"
                    + String.join("\n", log.tail(30));
            daemon.stop(Duration.ofSeconds(5));
            throw new AssertionError(why);
        }
        whack("--listen").requireOk();
    }

    /** The {@code --ctlbase} of this pluto (its control socket is {@code CTLBASE.ctl}). */
    Path ctlBase() {
        return ctlBase;
    }

    /** {@code bin/ipsec whack --ctlbase CTL ARGS...} inside the namespace, bounded by 30 s. */
    Exec.Result whack(String... args) {
        return whack(WHACK_TIMEOUT, args);
    }

    Exec.Result whack(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ipsec().toString(), "whack", "--ctlbase", ctlBase.toString()));
        cmd.addAll(List.of(args));
        return ns.exec(timeout, Map.of(), cmd);
    }

    /** Adds a connection ({@link WhackConn}); must succeed. */
    void add(WhackConn c) {
        Exec.Result r = whack(c.args().toArray(String[]::new));
        if (!r.ok()) {
            throw new AssertionError("whack could not add connection \"" + c.name() + "\":\n" + r.describe());
        }
    }

    /** {@code whack --status} lines (with their "000 " prefix). */
    List<String> status() {
        return whack("--status").requireOk().out();
    }

    /** The established IPsec SAs {@code whack --status} shows. */
    List<JswanStatus.IpsecSa> ipsecSas() {
        return JswanStatus.ipsecSas(status());
    }

    /** pluto's log (stderr with --stderrlog). */
    LogFile log() {
        return log;
    }

    Path dir() {
        return dir;
    }

    boolean running() {
        return daemon != null && daemon.ours();
    }

    /** {@code whack --shutdown}, then (if it is still there) SIGTERM by PID, then SIGKILL; bounded. */
    void stop() {
        if (daemon == null) {
            return;
        }
        if (daemon.ours()) {
            whack(Duration.ofSeconds(10), "--shutdown");
            daemon.awaitExit(Duration.ofSeconds(10));
        }
        daemon.stop(Duration.ofSeconds(5));
    }

    /** Stops pluto and starts it again with {@code o} (e.g. another secrets file). */
    void restart(Options o) {
        stop();
        launch(o);
    }

    @Override
    public void close() {
        stop();
    }

    /** What a failure report should show: status and the log lines of this test. */
    String diagnostics(long logMark) {
        StringBuilder s = new StringBuilder("jswan pluto in ").append(ns.name()).append(" (").append(dir)
                .append(")\n");
        if (running()) {
            s.append(String.join("\n", whack("--status").lines())).append('\n');
        } else {
            s.append("(not running)\n");
        }
        List<String> lines = log.since(logMark);
        int from = Math.max(0, lines.size() - 40);
        s.append("--- pluto.log, last ").append(lines.size() - from).append(" lines of this test ---\n");
        for (String l : lines.subList(from, lines.size())) {
            s.append(l).append('\n');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "jswan pluto in " + ns.name();
    }
}
