package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The two-host world every interop test runs in, made fresh and removed afterwards:
 *
 * <pre>
 *  jsw-PID-N-a ("left", jswan's seat)             jsw-PID-N-b ("right", charon)
 *  lo 198.51.100.1/32 (client)                    lo 203.0.113.1/32 (client)
 *  jPID-Na 192.0.2.1/24  &lt;------ veth ------&gt;  jPID-Nb 192.0.2.2/24
 * </pre>
 *
 * Only documentation addresses (RFC 5737), only inside the two namespaces. Names carry the JVM's
 * PID and a sequence number, so concurrent runs and runs after a crash never collide.
 *
 * <p>{@link #addHost} adds further hosts on jswan's side of the world (road warriors at addresses
 * no jswan connection names), each a namespace {@code jsw-PID-N-c}, {@code -d}, ... with a veth of
 * its own into jswan's namespace, addressed point to point:
 *
 * <pre>
 *  jsw-PID-N-a: jPID-Nac (no address; route 192.0.2.3/32)  &lt;-- veth --&gt;  jsw-PID-N-c: jPID-Nc 192.0.2.3/32
 *                                                                      (route 192.0.2.1/32)
 * </pre>
 */
final class Testbed implements AutoCloseable {
    static final String LEFT_IP = "192.0.2.1";
    static final String RIGHT_IP = "192.0.2.2";
    static final String LEFT_CLIENT = "198.51.100.1";
    static final String RIGHT_CLIENT = "203.0.113.1";
    static final String LEFT_NET = "198.51.100.0/24";
    static final String RIGHT_NET = "203.0.113.0/24";

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern OURS = Pattern.compile("jsw-(\\d+)-\\d+-[a-z]");
    private static boolean swept;

    private final Netns left;
    private final Netns right;
    private final String leftIf;
    private final String rightIf;
    private final Path shortDir;
    private final List<Netns> hosts = new ArrayList<>();

    private Testbed(Netns left, Netns right, String leftIf, String rightIf, Path shortDir) {
        this.left = left;
        this.right = right;
        this.leftIf = leftIf;
        this.rightIf = rightIf;
        this.shortDir = shortDir;
    }

    /** Creates both namespaces, the veth, the addresses, and checks the veth passes traffic (≤ 5 s). */
    static Testbed create() {
        sweepStale();
        long pid = ProcessHandle.current().pid();
        int n = SEQ.incrementAndGet();
        String base = "jsw-" + pid + "-" + n;
        Netns a = null;
        Netns b = null;
        try {
            a = Netns.create(base + "-a");
            b = Netns.create(base + "-b");
            String ifA = "j" + pid + "-" + n + "a";
            String ifB = "j" + pid + "-" + n + "b";
            Netns.veth(a, ifA, b, ifB);
            a.addAddress(ifA, LEFT_IP + "/24");
            b.addAddress(ifB, RIGHT_IP + "/24");
            a.addAddress("lo", LEFT_CLIENT + "/32");
            b.addAddress("lo", RIGHT_CLIENT + "/32");
            a.linkUp(ifA);
            b.linkUp(ifB);
            // sockets (AF_UNIX paths are limited to 107 bytes) and charon's private /run: short paths
            Path shortDir = Files.createTempDirectory(Path.of("/tmp"), base + "-");
            Testbed t = new Testbed(a, b, ifA, ifB, shortDir);
            Teardown.register(t);
            Netns fa = a;
            Wait.require("the veth " + ifA + " to pass a ping to " + RIGHT_IP, Duration.ofSeconds(5),
                    () -> fa.exec(Duration.ofSeconds(3), "ping", "-c", "1", "-W", "1", "-q", RIGHT_IP).ok());
            return t;
        } catch (IOException e) {
            closeQuietly(b, a);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) {
            closeQuietly(b, a);
            throw e;
        }
    }

    private static void closeQuietly(Netns... all) {
        for (Netns ns : all) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    /** jswan's side: 192.0.2.1, client 198.51.100.1. */
    Netns left() {
        return left;
    }

    /** charon's side: 192.0.2.2, client 203.0.113.1. */
    Netns right() {
        return right;
    }

    String leftInterface() {
        return leftIf;
    }

    String rightInterface() {
        return rightIf;
    }

    /** A directory under /tmp with a short path, for sockets and private /run directories. */
    Path shortDir() {
        return shortDir;
    }

    /**
     * A further host {@code letter} (c..z) at {@code address} (192.0.2.3 ...): its own namespace
     * and a veth into jswan's, a /32 route each way; checks it passes a ping (≤ 5 s). It is
     * deleted with the testbed.
     */
    Netns addHost(char letter, String address) {
        if (letter < 'c' || letter > 'z') {
            throw new IllegalArgumentException("hosts are c..z: " + letter);
        }
        String base = left.name().substring(0, left.name().length() - 2);
        String ifBase = leftIf.substring(0, leftIf.length() - 1);
        Netns h = Netns.create(base + "-" + letter);
        synchronized (hosts) {
            hosts.add(h);
        }
        String ifJswan = ifBase + "a" + letter;
        String ifHost = ifBase + letter;
        Netns.veth(left, ifJswan, h, ifHost);
        h.addAddress(ifHost, address + "/32");
        left.linkUp(ifJswan);
        h.linkUp(ifHost);
        h.ip("route", "add", LEFT_IP + "/32", "dev", ifHost);
        left.ip("route", "add", address + "/32", "dev", ifJswan, "src", LEFT_IP);
        Wait.require("the veth " + ifHost + " to pass a ping to " + LEFT_IP, Duration.ofSeconds(5),
                () -> h.exec(Duration.ofSeconds(3), "ping", "-c", "1", "-W", "1", "-q", LEFT_IP).ok());
        return h;
    }

    /** jswan's end of host {@code letter}'s veth (for captures). */
    String hostInterface(char letter) {
        return leftIf.substring(0, leftIf.length() - 1) + "a" + letter;
    }

    /** Stops everything started in the namespaces, deletes them and the short directory. */
    @Override
    public void close() {
        try {
            List<Netns> extra;
            synchronized (hosts) {
                extra = new ArrayList<>(hosts);
            }
            for (int i = extra.size() - 1; i >= 0; i--) {
                extra.get(i).close();
            }
            right.close();
            left.close();
            deleteTree(shortDir);
        } finally {
            Teardown.done(this);
        }
    }

    @Override
    public String toString() {
        return "testbed " + left.name() + " <-> " + right.name();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("interop: cannot delete " + p + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("interop: cannot delete " + dir + ": " + e);
        }
    }

    /**
     * Once per JVM: namespaces of this harness left behind by a run that was killed (its PID is
     * gone) and now empty are deleted; ones that still hold processes are only reported.
     */
    static synchronized void sweepStale() {
        if (swept) {
            return;
        }
        swept = true;
        for (String line : Exec.run(Netns.IP_TIMEOUT, "ip", "netns", "list").out()) {
            String ns = line.split("\\s+")[0];
            Matcher m = OURS.matcher(ns);
            if (!m.matches() || Files.exists(Path.of("/proc", m.group(1)))) {
                continue;
            }
            Exec.Result pids = Exec.run(Netns.IP_TIMEOUT, "ip", "netns", "pids", ns);
            if (pids.ok() && pids.out().stream().allMatch(String::isBlank)) {
                System.err.println("interop: deleting stale namespace " + ns + " of a run that is gone");
                Exec.run(Netns.IP_TIMEOUT, "ip", "netns", "delete", ns);
            } else {
                System.err.println("interop: stale namespace " + ns + " still holds processes " + pids.out()
                        + "; left alone");
            }
        }
    }
}
