package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One strongSwan charon in a namespace, with its own strongswan.conf, swanctl directory, vici
 * socket, log and private {@code /run}, and the swanctl commands the tests use.
 *
 * <p>charon hardcodes {@code /var/run/charon.pid} (and {@code /var/run -> /run}), so two charons
 * on one machine each need their own /run: the start command bind-mounts a directory of ours
 * over /run. {@code ip netns exec} has already given the process a mount namespace of its own, so
 * the bind mount is invisible outside it.
 */
final class Charon implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SWANCTL_TIMEOUT = Duration.ofSeconds(20);

    private final Netns ns;
    private final Path dir;
    private final Path swanctlDir;
    private final Path conf;
    private final Path vici;
    private final Path run;
    private final LogFile log;
    private Daemon daemon;

    private Charon(Netns ns, Path dir, Path shortDir) {
        this.ns = ns;
        this.dir = dir;
        this.swanctlDir = dir.resolve("swanctl");
        this.conf = dir.resolve("strongswan.conf");
        this.vici = shortDir.resolve(ns.name().substring(ns.name().length() - 1) + "-charon.vici");
        this.run = shortDir.resolve(ns.name().substring(ns.name().length() - 1) + "-run");
        this.log = new LogFile(dir.resolve("charon.log"));
    }

    /**
     * Writes the configuration into {@code dir}, starts charon in {@code ns}, waits (≤ 10 s) until
     * its vici socket answers, and loads {@code swanctl} ({@code swanctl --load-all}).
     *
     * @param shortDir where the vici socket and the private /run go (short path, see Testbed)
     */
    static Charon start(Netns ns, Path dir, Path shortDir, StrongswanConf settings, SwanctlConf swanctl) {
        Charon c = new Charon(ns, dir, shortDir);
        c.launch(settings);
        try {
            c.load(swanctl);
        } catch (RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void launch(StrongswanConf settings) {
        try {
            Files.createDirectories(swanctlDir);
            Files.createDirectories(run);
            Files.deleteIfExists(vici);
            Files.deleteIfExists(run.resolve("charon.pid"));
            Files.writeString(conf, settings.render(vici, log.path()));
            Files.writeString(log.path(), "=== " + java.time.LocalTime.now() + " charon starts in " + ns.name()
                    + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String exe = Prerequisites.CHARON.toString();
        String env = "STRONGSWAN_CONF=" + conf;
        daemon = ns.start("charon", List.of("/bin/sh", "-c", "mount --bind \"$1\" /run && exec \"$2\"", "sh",
                        run.toString(), exe), Map.of("STRONGSWAN_CONF", conf.toString()),
                dir.resolve("charon.out"), dir.resolve("charon.out"),
                pid -> Daemon.environHas(pid, env));
        boolean up = Wait.until(START_TIMEOUT, () -> !daemon.alive()
                || Files.exists(vici) && swanctl(Duration.ofSeconds(3), "--stats").ok());
        if (!up || !daemon.alive()) {
            String why = "charon in " + ns.name() + " did not come up within " + START_TIMEOUT.toSeconds() + " s"
                    + (daemon.alive() ? "" : " (exited " + daemon.exitStatus().orElse(-1) + ")") + "\n"
                    + tail(dir.resolve("charon.out"), 20) + "\n" + String.join("\n", log.tail(20));
            daemon.stop(Duration.ofSeconds(5));
            throw new AssertionError(why);
        }
    }

    /** Replaces the loaded configuration: writes swanctl.conf and key files, {@code swanctl --load-all}. */
    void load(SwanctlConf swanctl) {
        try {
            for (String sub : List.of("pubkey", "private")) {
                Files.createDirectories(swanctlDir.resolve(sub));
            }
            Files.writeString(swanctlDir.resolve("swanctl.conf"), swanctl.render());
            for (Map.Entry<String, String> f : swanctl.files().entrySet()) {
                Files.writeString(swanctlDir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Exec.Result r = swanctl(SWANCTL_TIMEOUT, "--load-all", "--noprompt");
        if (!r.ok()) {
            throw new AssertionError("swanctl --load-all failed for charon in " + ns.name() + ":\n" + r.describe());
        }
    }

    /** {@code swanctl COMMAND --uri ... ARGS}: swanctl wants the command first, then the options. */
    Exec.Result swanctl(Duration timeout, String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of("swanctl", command, "--uri", "unix://" + vici));
        cmd.addAll(List.of(args));
        return Exec.run(timeout, Map.of("STRONGSWAN_CONF", conf.toString(), "SWANCTL_DIR", swanctlDir.toString()),
                cmd);
    }

    /**
     * {@code swanctl --initiate --child CHILD [--ike IKE] --timeout N}: returns when the CHILD_SA
     * is up or the attempt failed (then exit status non-zero), with charon's progress lines.
     */
    Exec.Result initiate(String child, String ike, Duration timeout) {
        List<String> args = new ArrayList<>(List.of("--child", child));
        if (ike != null) {
            args.add("--ike");
            args.add(ike);
        }
        args.add("--timeout");
        args.add(Long.toString(Math.max(1, timeout.toSeconds())));
        return swanctl(timeout.plusSeconds(5), "--initiate", args.toArray(String[]::new));
    }

    /** {@code swanctl --terminate --ike NAME}: deletes the IKE SA and its children (sends Delete). */
    Exec.Result terminateIke(String ike, Duration timeout) {
        return swanctl(timeout.plusSeconds(5), "--terminate", "--ike", ike, "--timeout",
                Long.toString(Math.max(1, timeout.toSeconds())));
    }

    /** {@code swanctl --terminate --child NAME}: deletes only that CHILD_SA (sends Delete for it). */
    Exec.Result terminateChild(String child, Duration timeout) {
        return swanctl(timeout.plusSeconds(5), "--terminate", "--child", child, "--timeout",
                Long.toString(Math.max(1, timeout.toSeconds())));
    }

    /** Every IKE SA, terminated without waiting for the peer (between scenarios). */
    void terminateAll() {
        for (SwanctlSas.IkeSa sa : listSas()) {
            swanctl(SWANCTL_TIMEOUT, "--terminate", "--ike-id", sa.raw().getOrDefault("uniqueid", "0"), "--force",
                    "--timeout", "3");
        }
    }

    /** {@code swanctl --list-sas --raw}, parsed. */
    List<SwanctlSas.IkeSa> listSas() {
        Exec.Result r = swanctl(SWANCTL_TIMEOUT, "--list-sas", "--raw");
        if (!r.ok()) {
            throw new AssertionError("swanctl --list-sas failed:\n" + r.describe());
        }
        return SwanctlSas.parse(r.out());
    }

    /** The pretty {@code swanctl --list-sas} text, for reports. */
    String listSasText() {
        return swanctl(SWANCTL_TIMEOUT, "--list-sas").text();
    }

    Optional<SwanctlSas.IkeSa> ikeSa(String name) {
        return listSas().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Waits (bounded) until charon has no IKE SA left; false if some remain. */
    boolean awaitNoSas(Duration timeout) {
        return Wait.until(timeout, () -> listSas().isEmpty());
    }

    /** charon's filelog (levels from StrongswanConf). */
    LogFile log() {
        return log;
    }

    Path dir() {
        return dir;
    }

    Netns netns() {
        return ns;
    }

    boolean running() {
        return daemon != null && daemon.ours();
    }

    long pid() {
        return daemon.pid();
    }

    private static final Pattern KA = Pattern.compile("encryption key Ka => (\\d+) bytes");
    private static final Pattern HEX_LINE = Pattern.compile(">?\\s+\\d+: ((?:[0-9A-F]{2} )+)");

    /**
     * The ISAKMP encryption keys (Ka, hex) charon logged after {@code mark}; needs ike=4. With the
     * initiator cookies they let tshark decrypt Main Mode 5/6, Quick Mode and Informational.
     */
    List<String> ikeEncryptionKeys(long mark) {
        List<String> lines = log.since(mark);
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KA.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            int n = Integer.parseInt(m.group(1));
            StringBuilder hex = new StringBuilder();
            for (int j = i + 1; j < lines.size() && hex.length() < 2 * n; j++) {
                Matcher h = HEX_LINE.matcher(lines.get(j));
                if (!h.find()) {
                    break;
                }
                hex.append(h.group(1).replace(" ", ""));
            }
            if (hex.length() >= 2 * n) {
                keys.add(hex.substring(0, 2 * n).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return List.copyOf(keys);
    }

    /**
     * The values charon dumped (ike=4) under {@code label} (e.g. "SKEYID_a", "next IV for MID 0")
     * for the IKE SA {@code <NAME|UNIQUEID>} after {@code mark}, oldest first. Before a responder
     * knows its config the SA is logged as {@code <UNIQUEID>} alone; both count.
     */
    List<byte[]> dumps(long mark, String ikeName, String uniqueId, String label) {
        String named = "<" + ikeName + "|" + uniqueId + "> " + label + " => ";
        String bare = "<" + uniqueId + "> " + label + " => ";
        List<String> lines = log.since(mark);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int at = lines.get(i).indexOf(named);
            if (at < 0) {
                at = lines.get(i).indexOf(bare);
            }
            if (at < 0) {
                continue;
            }
            Matcher m = Pattern.compile("=> (\\d+) bytes").matcher(lines.get(i).substring(at));
            if (!m.find()) {
                continue;
            }
            int n = Integer.parseInt(m.group(1));
            StringBuilder hex = new StringBuilder();
            for (int j = i + 1; j < lines.size() && hex.length() < 2 * n; j++) {
                Matcher h = HEX_LINE.matcher(lines.get(j));
                if (!h.find()) {
                    break;
                }
                hex.append(h.group(1).replace(" ", ""));
            }
            if (hex.length() >= 2 * n) {
                out.add(java.util.HexFormat.of().parseHex(hex.substring(0, 2 * n)));
            }
        }
        return out;
    }

    /** Stops charon (SIGTERM by PID, verified; SIGKILL after 10 s). The config stays for a restart. */
    void stop() {
        if (daemon != null) {
            daemon.stop(Duration.ofSeconds(10));
        }
        try {
            Files.deleteIfExists(vici);
        } catch (IOException ignored) {
            // charon removes it itself when it exits cleanly
        }
    }

    /**
     * SIGKILL by PID (verified first): charon dies at once, sending no Delete and cleaning up
     * nothing but what the kernel does (its TUN device and routes go with the process). Waits
     * (≤ 5 s) until it has exited.
     */
    void kill() {
        if (daemon == null || !daemon.signal("KILL")) {
            throw new AssertionError("charon in " + ns.name() + " is not running: nothing to kill");
        }
        if (!daemon.awaitExit(Duration.ofSeconds(5))) {
            throw new AssertionError("charon in " + ns.name() + " (PID " + daemon.pid() + ") survived SIGKILL");
        }
        stop();
    }

    /** Starts charon again with the same strongswan.conf and the swanctl.conf loaded last. */
    void restart(StrongswanConf settings, SwanctlConf swanctl) {
        stop();
        launch(settings);
        load(swanctl);
    }

    @Override
    public void close() {
        stop();
    }

    /** What a failure report should show: SAs, and the last lines of the log. */
    String diagnostics(long logMark) {
        StringBuilder s = new StringBuilder();
        s.append("charon in ").append(ns.name()).append(" (").append(dir).append(")\n");
        if (running()) {
            s.append(listSasText()).append('\n');
        } else {
            s.append("(not running)\n");
        }
        List<String> lines = log.since(logMark);
        int from = Math.max(0, lines.size() - 40);
        s.append("--- charon.log, last ").append(lines.size() - from).append(" lines of this test ---\n");
        for (String l : lines.subList(from, lines.size())) {
            s.append(l).append('\n');
        }
        return s.toString();
    }

    private static String tail(Path p, int n) {
        return String.join("\n", new LogFile(p).tail(n));
    }

    @Override
    public String toString() {
        return "charon in " + ns.name();
    }
}
