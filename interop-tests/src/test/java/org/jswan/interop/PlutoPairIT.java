package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2's daemon test: two real plutos on loopback (unprivileged ports, --noklips), driven by
 * real {@code bin/ipsec whack} processes — initiate, status, terminate, delete, shutdown — and
 * whack's exit statuses. Needs no root and no namespaces.
 */
class PlutoPairIT {
    static final Duration WHACK = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> plutos = new ArrayList<>();
    private int westPort;
    private int eastPort;

    @BeforeEach
    void start() throws Exception {
        westPort = freeUdpPort();
        eastPort = freeUdpPort();
        Files.writeString(dir.resolve("ipsec.secrets"), "127.0.0.1 127.0.0.1 : PSK \"pluto pair\"\n");
        plutos.add(pluto("west", westPort));
        plutos.add(pluto("east", eastPort));
        for (String n : List.of("west", "east")) {
            whack(n, "--name", "pair", "--host", "127.0.0.1", "--ikeport", "" + westPort, "--client", "198.51.100.0/24",
                    "--to", "--host", "127.0.0.1", "--ikeport", "" + eastPort, "--client", "203.0.113.0/24",
                    "--psk", "--encrypt", "--pfs").requireOk();
            whack(n, "--listen").requireOk();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : plutos) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private Process pluto(String name, int port) throws Exception {
        Path out = dir.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(Jswan.ipsec().toString(), "pluto", "--secretsfile",
                dir.resolve("ipsec.secrets").toString(), "--ctlbase", dir.resolve(name).toString(), "--ikeport", "" + port,
                "--nofork", "--noklips", "--stderrlog");
        pb.redirectOutput(out.toFile());
        pb.redirectError(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.readString(out).contains("Pluto initialized")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("pluto " + name + " did not start: " + Files.readString(dir.resolve(name + ".log")));
            }
            Thread.sleep(50);
        }
        return p;
    }

    private Exec.Result whack(String pluto, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Jswan.ipsec().toString(), "whack", "--ctlbase", dir.resolve(pluto).toString()));
        cmd.addAll(List.of(args));
        return Exec.run(WHACK, cmd);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void initiateStatusTerminateDeleteShutdown() throws Exception {
        Exec.Result init = whack("west", "--name", "pair", "--initiate");
        assertEquals(0, init.exit(), init.describe());
        assertTrue(has(init.out(), "004 \"pair\" #1: STATE_MAIN_I4: ISAKMP SA established"), init.describe());
        assertTrue(has(init.out(), "004 \"pair\" #2: STATE_QUICK_I2: sent QI2, IPsec SA established"), init.describe());

        Exec.Result west = whack("west", "--status").requireOk();
        assertTrue(has(west.out(), "000 #2: \"pair\" STATE_QUICK_I2"), west.describe());
        Exec.Result east = whack("east", "--status").requireOk();
        assertTrue(has(east.out(), "000 #2: \"pair\" STATE_QUICK_R2"), east.describe());
        assertTrue(has(east.out(), "198.51.100.0/24===127.0.0.1:" + westPort + "...127.0.0.1:" + eastPort
                + "===203.0.113.0/24; erouted"), east.describe());

        Exec.Result term = whack("west", "--name", "pair", "--terminate");
        assertEquals(0, term.exit(), term.describe());
        assertFalse(has(whack("west", "--status").out(), "STATE_QUICK"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (has(whack("east", "--status").out(), "STATE_QUICK_R2") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(has(whack("east", "--status").out(), "STATE_QUICK_R2"), "east honoured west's Delete");

        assertEquals(0, whack("west", "--name", "pair", "--delete").exit());
        Exec.Result again = whack("west", "--name", "pair", "--initiate");
        assertEquals(21, again.exit(), again.describe());
        assertTrue(has(again.out(), "021 no connection named \"pair\""), again.describe());

        Exec.Result down = whack("west", "--shutdown");
        assertEquals(0, down.exit(), down.describe());
        assertTrue(plutos.get(0).waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "west exited after --shutdown");
        assertEquals(0, plutos.get(0).exitValue());
        assertFalse(Files.exists(dir.resolve("west.ctl")), "control socket removed");
        assertFalse(Files.exists(dir.resolve("west.pid")), "lock file removed");
    }

    @Test
    void whackExitStatuses() {
        Exec.Result unknown = whack("west", "--name", "nosuch", "--initiate");
        assertEquals(21, unknown.exit(), unknown.describe());
        Exec.Result usage = whack("west", "--name", "x", "--initiat");
        assertEquals(1, usage.exit(), "a whack-side error: " + usage.describe());
        assertTrue(usage.err().stream().anyMatch(l -> l.startsWith("whack")), usage.describe());
        Exec.Result noPluto = Exec.run(WHACK, Jswan.ipsec().toString(), "whack", "--ctlbase",
                dir.resolve("nobody").toString(), "--status");
        assertEquals(1, noPluto.exit());
        assertTrue(noPluto.err().stream().anyMatch(l -> l.contains("Pluto is not running")), noPluto.describe());
        assertEquals(0, whack("east", "--status").exit());
    }

    @Test
    void aSecondPlutoOnTheSameCtlbaseExits10() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Jswan.ipsec().toString(), "pluto", "--ctlbase", dir.resolve("west").toString(),
                "--ikeport", "" + freeUdpPort(), "--nofork", "--noklips", "--stderrlog");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(10, p.exitValue(), out);
        assertTrue(out.contains("lock file"), out);
    }
}
