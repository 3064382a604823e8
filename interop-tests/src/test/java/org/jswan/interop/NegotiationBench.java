package org.jswan.interop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A bench, not a test ({@code bin/bench-negotiations}, root): how fast N tunnels come up at once,
 * each its own Main Mode (PSK, AES128-SHA1-MODP2048) and Quick Mode (ESP AES128-SHA1), between
 * 192.0.2.1 and 192.0.2.2 in two fresh namespaces, for
 *
 * <ul>
 *   <li>jswan ↔ jswan ({@code --noklips}: IKE only), connections {@code n1..nN} between
 *       198.51.100.I/32 and 203.0.113.I/32, all initiated at once with {@code whack --asynchronous}:
 *       a Main Mode each;
 *   <li>the same, n1 first and the others once its ISAKMP SA is up: their Quick Modes run over it;
 *   <li>charon ↔ charon (IKEv1, the same proposals and selectors, ids of their own per
 *       connection so that each gets its own IKE SA), all initiated with {@code swanctl
 *       --initiate}, 4 at a time: this compares with the first jswan figure.
 * </ul>
 *
 * The clock runs from the first initiation until the initiator lists N established IPsec SAs;
 * the figure is N divided by that, in tunnels per second, with the number of ISAKMP SAs they took
 * (a jswan connection initiated once another one's ISAKMP SA between the same hosts is up runs
 * only a Quick Mode over it, as pluto did). Adding the connections is not timed. whack runs in this JVM (the whack-cli jar on the class path), so no process start
 * is counted for jswan; charon's swanctl processes are.
 */
final class NegotiationBench {
    static final String PSK = "jswan negotiation bench, documentation only";
    static final Duration LIMIT = Duration.ofMinutes(3);
    /** swanctl initiations at once: each blocks one of charon's 16 worker threads until its tunnel is up. */
    static final int CHARON_PARALLEL = 4;

    private final int n;
    private final Path dir;

    private NegotiationBench(int n, Path dir) {
        this.n = n;
        this.dir = dir;
    }

    /** One setup's result: IPsec SAs up, over how many ISAKMP SAs, and how long it took. */
    record Figure(String setup, int tunnels, int isakmpSas, Duration elapsed) {
        double perSecond() {
            return tunnels / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-36s %4d IPsec SAs (%d ISAKMP SAs) in %6.2f s = %7.1f tunnels/s",
                    setup, tunnels, isakmpSas, elapsed.toNanos() / 1e9, perSecond());
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        if (n < 1 || n > 250) {
            System.err.println("usage: NegotiationBench [TUNNELS 1..250]");
            System.exit(2);
        }
        List<String> missing = new ArrayList<>(Jswan.missingBuild());
        if (!Prerequisites.isRoot()) {
            missing.add("root (network namespaces)");
        }
        for (String tool : List.of("ip", "swanctl")) {
            if (Prerequisites.onPath(tool) == null) {
                missing.add("`" + tool + "` on PATH");
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("bench-negotiations: need " + String.join(", ", missing));
            System.exit(2);
        }
        NegotiationBench b = new NegotiationBench(n, Artifacts.forClass(NegotiationBench.class));
        System.out.printf(Locale.ROOT, "%d tunnels at once, each Main Mode + Quick Mode, PSK AES128-SHA1-MODP2048%n", n);
        Figure own = b.jswanPair(false);
        System.out.println(own);
        Figure shared = b.jswanPair(true);
        System.out.println(shared);
        Figure charon = b.charonPair();
        System.out.println(charon);
        System.out.printf(Locale.ROOT, "ratio jswan/charon (a Main Mode each, like for like): %.2f%n",
                own.perSecond() / charon.perSecond());
        System.out.println("logs: " + b.dir);
    }

    private Figure jswanPair(boolean sharedIsakmpSa) throws Exception {
        String name = sharedIsakmpSa ? "jswan-shared" : "jswan";
        try (Testbed bed = Testbed.create()) {
            Jswan.Options o = Jswan.Options.psk(PSK).with("--noklips");
            try (Jswan west = Jswan.start(bed.left(), dir.resolve(name + "-west"), bed.shortDir(), o);
                 Jswan east = Jswan.start(bed.right(), dir.resolve(name + "-east"), bed.shortDir(), o)) {
                for (int i = 1; i <= n; i++) {
                    List<String> conn = List.of("--name", "n" + i, "--host", Testbed.LEFT_IP, "--client",
                            "198.51.100." + i + "/32", "--to", "--host", Testbed.RIGHT_IP, "--client",
                            "203.0.113." + i + "/32", "--psk", "--encrypt", "--tunnel", "--ike",
                            "aes128-sha1-modp2048", "--esp", "aes128-sha1");
                    whack(west, conn);
                    whack(east, conn);
                }
                long t0 = System.nanoTime();
                if (sharedIsakmpSa) {
                    whack(west, List.of("--name", "n1", "--initiate")); // returns once n1's IPsec SA is up
                }
                for (int i = sharedIsakmpSa ? 2 : 1; i <= n; i++) {
                    whack(west, List.of("--name", "n" + i, "--initiate", "--asynchronous"));
                }
                boolean up = Wait.until(LIMIT, () -> established(west) >= n);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                if (!up) {
                    throw new AssertionError("jswan: only " + established(west) + " of " + n + " tunnels up in "
                            + LIMIT.toSeconds() + " s; see " + dir);
                }
                return new Figure(sharedIsakmpSa ? "jswan <-> jswan, after one ISAKMP SA" : "jswan <-> jswan",
                        n, count(west, " STATE_MAIN_I4 "), took);
            }
        }
    }

    private static int established(Jswan j) {
        return count(j, " STATE_QUICK_I2 ");
    }

    /** State lines of {@code j}'s status that contain {@code what}. */
    private static int count(Jswan j, String what) {
        int count = 0;
        for (String l : whack(j, List.of("--status"))) {
            if (l.contains(what)) {
                count++;
            }
        }
        return count;
    }

    /** whack in this JVM ({@code org.jswan.whack.Whack.run}); its output lines; a failure throws. */
    private static List<String> whack(Jswan j, List<String> args) {
        List<String> a = new ArrayList<>(List.of("--ctlbase", j.ctlBase().toString()));
        a.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = (Integer) WhackEntry.RUN.invoke(null, a.toArray(String[]::new), o, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("whack failed: " + e, e);
        }
        if (status != 0) {
            throw new AssertionError("whack " + String.join(" ", args) + " exited " + status + ":\n"
                    + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** {@code org.jswan.whack.Whack.run(String[], PrintStream, PrintStream)}, looked up once. */
    private static final class WhackEntry {
        static final Method RUN = lookUp();

        private static Method lookUp() {
            try {
                return Class.forName("org.jswan.whack.Whack").getMethod("run", String[].class, PrintStream.class,
                        PrintStream.class);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("whack-cli is not on the class path (bin/bench-negotiations puts"
                        + " it there): " + e, e);
            }
        }
    }

    private Figure charonPair() throws Exception {
        try (Testbed bed = Testbed.create()) {
            // kernel-libipsec routes each CHILD_SA's traffic from our end of it: the I-th hosts must exist
            for (int i = 2; i <= n; i++) {
                bed.left().addAddress("lo", "198.51.100." + i + "/32");
                bed.right().addAddress("lo", "203.0.113." + i + "/32");
            }
            StrongswanConf settings = new StrongswanConf();
            try (Charon right = Charon.start(bed.right(), dir.resolve("charon-right"), bed.shortDir(), settings,
                        charonConf(false));
                 Charon left = Charon.start(bed.left(), dir.resolve("charon-left"), bed.shortDir(), settings,
                         charonConf(true))) {
                ExecutorService pool = Executors.newFixedThreadPool(CHARON_PARALLEL);
                try {
                    long t0 = System.nanoTime();
                    List<Future<Exec.Result>> started = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        String name = "n" + i;
                        started.add(pool.submit(() -> left.initiate(name, name, LIMIT)));
                    }
                    for (Future<Exec.Result> f : started) {
                        f.get(LIMIT.toSeconds(), TimeUnit.SECONDS).requireOk();
                    }
                    boolean up = Wait.until(LIMIT, () -> installed(left) >= n);
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    if (!up) {
                        throw new AssertionError("charon: only " + installed(left) + " of " + n + " tunnels up");
                    }
                    return new Figure("charon <-> charon", n, left.listSas().size(), took);
                } finally {
                    pool.shutdownNow();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static int installed(Charon c) {
        int count = 0;
        for (SwanctlSas.IkeSa sa : c.listSas()) {
            for (SwanctlSas.ChildSa child : sa.children()) {
                if (child.installed()) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Mirrored on both sides: N IKEv1 PSK connections, one child each between the I-th hosts. */
    private SwanctlConf charonConf(boolean isLeft) {
        String me = isLeft ? Testbed.LEFT_IP : Testbed.RIGHT_IP;
        String peer = isLeft ? Testbed.RIGHT_IP : Testbed.LEFT_IP;
        SwanctlConf conf = new SwanctlConf();
        for (int i = 1; i <= n; i++) {
            String ours = (isLeft ? "198.51.100." : "203.0.113.") + i + "/32";
            String theirs = (isLeft ? "203.0.113." : "198.51.100.") + i + "/32";
            // ids of its own per connection, or charon would put every CHILD_SA on the first IKE SA
            String ourId = "@n" + i + (isLeft ? ".left" : ".right");
            String theirId = "@n" + i + (isLeft ? ".right" : ".left");
            conf.add(SwanctlConf.conn("n" + i).local(me, ourId).remote(peer, theirId).psk()
                    .proposals("aes128-sha1-modp2048")
                    .child(SwanctlConf.child("n" + i).localTs(ours).remoteTs(theirs).esp("aes128-sha1")));
            conf.psk(PSK, ourId, theirId);
        }
        return conf;
    }
}
