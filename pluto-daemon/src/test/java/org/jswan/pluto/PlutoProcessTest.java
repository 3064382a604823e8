package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real pluto processes on a temporary ctlbase ({@code --noklips --stderrlog} and a free
 * {@code --ikeport}). Only processes started here are signalled, by their pid.
 */
@Timeout(120)
class PlutoProcessTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Path base;
    private String port;

    @BeforeEach
    void setUp() throws Exception {
        base = dir.resolve("pluto");
        port = Integer.toString(freeUdpPort());
    }

    private Path ctl() {
        return Path.of(base + ".ctl");
    }

    private Path pid() {
        return Path.of(base + ".pid");
    }

    private PlutoProcess nofork(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--nofork", "--stderrlog", "--noklips", "--ikeport", port,
                "--ctlbase", base.toString()));
        args.addAll(List.of(extra));
        PlutoProcess p = PlutoProcess.start(dir, name, Pluto.class, args.toArray(new String[0]));
        p.awaitStdout("Pluto initialized\n", START);
        return p;
    }

    private List<String> status() throws Exception {
        try (WhackTestClient c = new WhackTestClient(ctl())) {
            List<String> lines = c.send(Requests.status()).readUntilEof(T);
            assertTrue(c.sawEof(), "status was not answered to the end: " + lines);
            for (String l : lines) {
                assertTrue(l.matches("[0-9]{3} .*"), l);
            }
            return lines;
        }
    }

    @Test
    void noforkSaysPlutoInitializedOnceTheLockAndSocketExist() throws Exception {
        try (PlutoProcess p = nofork("a", "--perpeerlog")) {
            assertEquals("Pluto initialized\n", p.stdout());
            assertEquals(p.pid() + "\n", Files.readString(pid()));
            assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pid())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ctl())));
            p.awaitStderr("--perpeerlog is accepted but not yet implemented", T);
            String first = p.stderr().lines().findFirst().orElse("");
            assertTrue(first.matches("Starting Pluto \\(jswan Version [^)]+\\)"), first);
            status();
            p.terminate();
            assertEquals(0, p.awaitExit(T));
            assertFalse(Files.exists(ctl()), "ctl socket left behind");
            assertFalse(Files.exists(pid()), "lock file left behind");
        }
    }

    @Test
    void aSecondPlutoOnTheSameCtlbaseExitsTen() throws Exception {
        try (PlutoProcess p = nofork("a")) {
            try (PlutoProcess q = PlutoProcess.start(dir, "b", Pluto.class, "--nofork", "--stderrlog", "--noklips",
                    "--ikeport", port, "--ctlbase", base.toString())) {
                assertEquals(10, q.awaitExit(START));
                assertEquals("pluto: lock file \"" + pid() + "\" already exists\n", q.stderr());
                assertEquals("", q.stdout());
            }
            assertEquals(p.pid() + "\n", Files.readString(pid()), "the loser must not touch the lock file");
            assertTrue(Files.exists(ctl()));
            status();
        }
    }

    @Test
    void withoutNoforkThePlutoReturnsOnceTheDaemonIsReady() throws Exception {
        long daemon = -1;
        try (PlutoProcess p = PlutoProcess.start(dir, "d", Pluto.class, "--stderrlog", "--noklips",
                "--ikeport", port, "--ctlbase", base.toString())) {
            assertEquals(0, p.awaitExit(START), p.stderr());
            assertEquals("", p.stdout());
            // Ready means: the lock file names the daemon and the control socket answers.
            daemon = Long.parseLong(Files.readString(pid()).trim());
            assertNotEquals(p.pid(), daemon);
            Optional<ProcessHandle> h = ProcessHandle.of(daemon);
            assertTrue(h.isPresent() && h.get().isAlive());
            assertTrue(h.get().info().commandLine().orElse("").contains(base.toString()));
            status();
            PlutoProcess.signal(daemon, "TERM");
            awaitGone(daemon);
            assertFalse(Files.exists(ctl()));
            assertFalse(Files.exists(pid()));
            assertTrue(Files.readString(p.err).startsWith("Starting Pluto (jswan Version "));
        } finally {
            killIfOurs(daemon);
        }
    }

    @Test
    void aDaemonWithoutSyslogSaysSoThroughItsParent() throws Exception {
        long daemon = -1;
        try (PlutoProcess p = PlutoProcess.start(dir, "n", Pluto.class, "--noklips", "--ikeport", port,
                "--ctlbase", base.toString())) {
            assertEquals(0, p.awaitExit(START), p.stderr());
            daemon = Long.parseLong(Files.readString(pid()).trim());
            if (Files.exists(SyslogAppender.DEV_LOG)) {
                assertEquals("", p.stderr());
            } else {
                assertTrue(p.stderr().startsWith("pluto: syslog is unavailable (/dev/log does not exist); logging to"
                        + " stderr instead, which the daemon has on /dev/null: use --stderrlog"), p.stderr());
            }
            PlutoProcess.signal(daemon, "TERM");
            awaitGone(daemon);
        } finally {
            killIfOurs(daemon);
        }
    }

    @Test
    void aDaemonThatCannotStartMakesThePlutoFail() throws Exception {
        // sun_path holds 108 bytes: this control socket path is too long to bind.
        Path longBase = dir.resolve("x".repeat(120));
        try (PlutoProcess p = PlutoProcess.start(dir, "f", Pluto.class, "--stderrlog", "--noklips",
                "--ikeport", port, "--ctlbase", longBase.toString())) {
            assertEquals(1, p.awaitExit(START));
            assertTrue(p.stderr().contains("pluto: could not bind control socket"), p.stderr());
            assertFalse(Files.exists(Path.of(longBase + ".pid")), "lock file left behind");
        }
    }

    @Test
    void shutdownAndSignals() throws Exception {
        try (PlutoProcess p = nofork("s")) {
            p.signal("HUP");
            Thread.sleep(200);
            assertTrue(p.process.isAlive(), "SIGHUP must not stop pluto");
            status();
            try (WhackTestClient c = new WhackTestClient(ctl())) {
                c.send(Requests.shutdown()).readUntilEof(T);
            }
            assertEquals(0, p.awaitExit(T));
            assertFalse(Files.exists(ctl()));
            assertFalse(Files.exists(pid()));
        }
    }

    @Test
    void garbageOnTheControlSocketGetsRc30AndHurtsNothing() throws Exception {
        try (PlutoProcess p = nofork("g", "--debug-control")) {
            try (WhackTestClient c = new WhackTestClient(ctl())) {
                List<String> lines = c.send(new byte[] {1, 2, 3}).halfClose().readUntilEof(T);
                assertEquals(List.of("030 ignoring runt message from whack: got 3 bytes"), lines);
                assertTrue(c.sawEof());
            }
            p.awaitStderr("| whack client #1 sent an undecodable request (3 bytes): "
                    + "ignoring runt message from whack: got 3 bytes", T);
            // Without a half-close, the same answer once no more bytes come.
            try (WhackTestClient c = new WhackTestClient(ctl())) {
                List<String> lines = c.send(new byte[16]).readUntilEof(T);
                assertEquals(1, lines.size(), String.valueOf(lines));
                assertTrue(lines.get(0).startsWith("030 ignoring message from whack with bad magic 0; should be "),
                        lines.get(0));
            }
            // A megabyte: read up to one message's size and answered; pluto closes meanwhile.
            try (WhackTestClient c = new WhackTestClient(ctl())) {
                try {
                    c.send(new byte[1 << 20]);
                } catch (java.io.IOException e) {
                    // pluto had its answer and closed the socket: the write broke off
                }
                List<String> lines = c.readUntilEof(T);
                assertTrue(lines.size() <= 1 && lines.stream().allMatch(l -> l.startsWith("030 ")), String.valueOf(lines));
            }
            assertTrue(p.process.isAlive());
            status();
        }
    }

    @Test
    void listenOpensTheIkeSocketOnTheInterfaces() throws Exception {
        Path secrets = dir.resolve("ipsec.secrets");
        Files.writeString(secrets, "127.0.0.1 127.0.0.2 : PSK \"a secret\"\n");
        try (PlutoProcess p = nofork("l", "--interface", "lo", "--secretsfile", secrets.toString())) {
            List<String> lines;
            try (WhackTestClient c = new WhackTestClient(ctl())) {
                lines = c.send(Requests.listen()).readUntilEof(T);
            }
            assertTrue(lines.contains("002 adding interface lo/lo 127.0.0.1:" + port), String.valueOf(lines));
            assertTrue(lines.contains("002 loading secrets from \"" + secrets + "\""), String.valueOf(lines));
            // The socket is pluto's now.
            try (DatagramChannel d = DatagramChannel.open(StandardProtocolFamily.INET)) {
                boolean taken;
                try {
                    d.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)));
                    taken = false;
                } catch (java.net.BindException e) {
                    taken = true;
                }
                assertTrue(taken, "pluto did not bind 127.0.0.1:" + port);
            }
            assertFalse(p.stderr().contains("a secret"), "the PSK reached the log");
        }
    }

    @Test
    void aClientThatSendsNothingDoesNotBlockOthers() throws Exception {
        try (PlutoProcess p = nofork("q")) {
            try (WhackTestClient silent = new WhackTestClient(ctl())) {
                long t0 = System.nanoTime();
                status();
                assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(3)) < 0);
                assertTrue(silent.lines().isEmpty());
            }
        }
    }

    @Test
    void otherUsersAreRefusedEvenWhenTheSocketModeWouldLetThemIn() throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch user");
        Optional<String> setpriv = onPath("setpriv");
        Optional<String> runuser = onPath("runuser");
        Assumptions.assumeTrue(setpriv.isPresent() || runuser.isPresent(), "neither setpriv nor runuser");
        // The client class, somewhere nobody can read it.
        Path cp = dir.resolve("cp");
        Path cls = cp.resolve("org/jswan/pluto/RawWhackClient.class");
        Files.createDirectories(cls.getParent());
        try (InputStream in = RawWhackClient.class.getResourceAsStream("RawWhackClient.class")) {
            Files.copy(in, cls);
        }
        for (Path d = cls.getParent(); d.startsWith(dir); d = d.getParent()) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(cls, PosixFilePermissions.fromString("rw-r--r--"));

        try (PlutoProcess p = nofork("u")) {
            List<String> cmd = new ArrayList<>();
            if (setpriv.isPresent()) {
                cmd.addAll(List.of(setpriv.get(), "--reuid=65534", "--regid=65534", "--clear-groups"));
            } else {
                cmd.addAll(List.of(runuser.get(), "-u", "nobody", "--"));
            }
            cmd.addAll(List.of(PlutoProcess.java(), "-Xshare:auto", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                    "-cp", cp.toString(), RawWhackClient.class.getName(), ctl().toString()));

            // Mode 0700: the kernel already says no.
            Run r = run(cmd);
            assertEquals(2, r.status, r.out);
            assertTrue(r.out.startsWith("connect failed:"), r.out);

            // Mode 0777 (as in the moment between bind and chmod): SO_PEERCRED says no.
            Files.setPosixFilePermissions(ctl(), PosixFilePermissions.fromString("rwxrwxrwx"));
            r = run(cmd);
            assertEquals(0, r.status, r.out);
            assertTrue(r.out.startsWith("030 jswan: refusing whack connection from uid 65534"), r.out);
            assertEquals(1, r.out.lines().count(), r.out);
            p.awaitStderr("refusing whack connection from uid 65534", T);
            status();
        }
    }

    @Test
    void versionHelpAndUsageErrorsFromTheRealMain() throws Exception {
        try (PlutoProcess v = PlutoProcess.start(dir, "v", Pluto.class, "--vers")) {
            assertEquals(0, v.awaitExit(START));
            assertTrue(v.stdout().matches("jswan pluto \\S+\n"), v.stdout());
        }
        try (PlutoProcess b = PlutoProcess.start(dir, "b", Pluto.class, "--ikeport", "0")) {
            assertEquals(1, b.awaitExit(START));
            assertTrue(b.stderr().startsWith("pluto: bad --ikeport \"0\": must be a number from 1 to 65535\n"),
                    b.stderr());
            assertFalse(Files.exists(pid()));
        }
    }

    private record Run(int status, String out) {
    }

    private Run run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path o = Files.createTempFile(dir, "run", ".out");
        pb.redirectOutput(o.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("client did not finish: " + Files.readString(o));
            }
            return new Run(p.exitValue(), Files.readString(o));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static Optional<String> onPath(String prog) {
        for (String d : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(d, prog);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /** The daemon's parent is not us, so it is awaited by watching it, then the files. */
    private void awaitGone(long pid) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline) {
            boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && !isZombie(pid);
            if (!running && !Files.exists(ctl()) && !Files.exists(pid())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("daemon " + pid + " did not go away");
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return true;
        }
    }

    /** Only a daemon whose command line names this test's ctlbase is ours to kill. */
    private void killIfOurs(long pid) {
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(h -> {
            if (h.isAlive() && h.info().commandLine().orElse("").contains(base.toString())) {
                h.destroyForcibly();
            }
        });
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramChannel d = DatagramChannel.open(StandardProtocolFamily.INET)) {
            d.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) d.getLocalAddress()).getPort();
        }
    }
}
