package org.jswan.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bench, not a test ({@code bin/bench-throughput}, root): iperf3 throughput between the client
 * addresses 198.51.100.1 and 203.0.113.1 through a subnet tunnel (ESP AES128-SHA1, IKE
 * AES128-SHA1-MODP2048, PSK) in two fresh namespaces each time, for
 *
 * <ul>
 *   <li>jswan ↔ jswan with the userspace KLIPS, raw ESP;
 *   <li>jswan ↔ jswan with the userspace KLIPS, UDP-encapsulated ESP ({@code --forceencaps});
 *   <li>charon ↔ charon with kernel-libipsec (always UDP-encapsulated).
 * </ul>
 *
 * After an uncounted 3 s warm-up run (the same for all three, though only jswan needs its JIT),
 * each is measured {@code runs} times for {@code seconds} seconds; the median is printed in
 * Mbit/s, with the ratios jswan/charon. Everything started is stopped by PID and the namespaces
 * are deleted, also on an error (and by the shutdown hook on SIGINT/SIGTERM).
 *
 * <pre>
 * java -cp interop-tests/target/test-classes -Djswan.root=. org.jswan.interop.ThroughputBench [SECONDS [RUNS]]
 * </pre>
 */
final class ThroughputBench {
    static final String PSK = "jswan throughput bench, documentation only";
    static final Duration NEGOTIATION = Duration.ofSeconds(40);
    static final int WARM_UP_SECONDS = 3;

    private final int seconds;
    private final int runs;
    private final Path dir;

    private ThroughputBench(int seconds, int runs, Path dir) {
        this.seconds = seconds;
        this.runs = runs;
        this.dir = dir;
    }

    /** The runs of one setup, and their median. */
    record Figures(String setup, List<Iperf.Result> runs) {
        double medianMbits() {
            List<Double> m = new ArrayList<>();
            for (Iperf.Result r : runs) {
                m.add(r.mbits());
            }
            m.sort(null);
            int n = m.size();
            return n % 2 == 1 ? m.get(n / 2) : (m.get(n / 2 - 1) + m.get(n / 2)) / 2;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-47s %7.1f Mbit/s  (runs:", setup,
                    medianMbits()));
            for (Iperf.Result r : runs) {
                s.append(String.format(Locale.ROOT, " %.1f", r.mbits()));
            }
            return s.append(')').toString();
        }
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (seconds < 1 || seconds > 60 || runs < 1 || runs > 9) {
            System.err.println("usage: ThroughputBench [SECONDS 1..60 [RUNS 1..9]]");
            System.exit(2);
        }
        List<String> missing = new ArrayList<>(Jswan.missingBuild());
        if (!Prerequisites.isRoot()) {
            missing.add("root (network namespaces, TUN, raw sockets)");
        }
        for (String tool : List.of("ip", "iperf3", "ss", "swanctl")) {
            if (Prerequisites.onPath(tool) == null) {
                missing.add("`" + tool + "` on PATH");
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("bench-throughput: need " + String.join(", ", missing));
            System.exit(2);
        }
        ThroughputBench b = new ThroughputBench(seconds, runs, Artifacts.forClass(ThroughputBench.class));
        System.out.printf(Locale.ROOT, "iperf3 198.51.100.1 -> 203.0.113.1 through the tunnel, %d x %d s, median%n",
                runs, seconds);
        Figures raw = b.jswanPair("jswan <-> jswan, userspace KLIPS, raw ESP");
        System.out.println(raw);
        Figures udp = b.jswanPair("jswan <-> jswan, userspace KLIPS, ESP-in-UDP", "--forceencaps");
        System.out.println(udp);
        Figures charon = b.charonPair("charon <-> charon, kernel-libipsec, ESP-in-UDP");
        System.out.println(charon);
        System.out.printf(Locale.ROOT, "ratio jswan/charon: %.2f (raw ESP), %.2f (ESP-in-UDP, like for like)%n",
                raw.medianMbits() / charon.medianMbits(), udp.medianMbits() / charon.medianMbits());
        System.out.println("logs: " + b.dir);
    }

    private Figures measure(String setup, Testbed bed, String name) {
        // a first, uncounted run: pluto's datapath is Java, and its first seconds run before the JIT
        Iperf.measure(bed.left(), Testbed.LEFT_CLIENT, bed.right(), Testbed.RIGHT_CLIENT, WARM_UP_SECONDS,
                dir.resolve(name + "-iperf3-warm-up.log"));
        List<Iperf.Result> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            results.add(Iperf.measure(bed.left(), Testbed.LEFT_CLIENT, bed.right(), Testbed.RIGHT_CLIENT, seconds,
                    dir.resolve(name + "-iperf3-" + i + ".log")));
        }
        return new Figures(setup, results);
    }

    private Figures jswanPair(String setup, String... extra) {
        String name = extra.length == 0 ? "jswan-raw" : "jswan-udp";
        return inTestbed(bed -> {
            Jswan.Options o = Jswan.Options.psk(PSK);
            try (Jswan west = Jswan.start(bed.left(), dir.resolve(name + "-west"), bed.shortDir(), o);
                 Jswan east = Jswan.start(bed.right(), dir.resolve(name + "-east"), bed.shortDir(), o)) {
                WhackConn c = WhackConn.subnets("bench").ike("aes128-sha1-modp2048").esp("aes128-sha1").with(extra);
                west.add(c);
                east.add(c);
                west.whack(NEGOTIATION, "--name", "bench", "--initiate").requireOk();
                return measure(setup, bed, name);
            }
        });
    }

    private Figures charonPair(String setup) {
        return inTestbed(bed -> {
            StrongswanConf settings = new StrongswanConf();
            try (Charon right = Charon.start(bed.right(), dir.resolve("charon-right"), bed.shortDir(), settings,
                        charonConf(false));
                 Charon left = Charon.start(bed.left(), dir.resolve("charon-left"), bed.shortDir(), settings,
                         charonConf(true))) {
                left.initiate("net", "bench", NEGOTIATION).requireOk();
                return measure(setup, bed, "charon");
            }
        });
    }

    /** Mirrored on both sides: IKEv1 PSK, child "net" between the client subnets. */
    private static SwanctlConf charonConf(boolean isLeft) {
        String me = isLeft ? Testbed.LEFT_IP : Testbed.RIGHT_IP;
        String peer = isLeft ? Testbed.RIGHT_IP : Testbed.LEFT_IP;
        return new SwanctlConf()
                .add(SwanctlConf.conn("bench").local(me, me).remote(peer, peer).psk().proposals("aes128-sha1-modp2048")
                        .child(SwanctlConf.child("net").localTs(isLeft ? Testbed.LEFT_NET : Testbed.RIGHT_NET)
                                .remoteTs(isLeft ? Testbed.RIGHT_NET : Testbed.LEFT_NET).esp("aes128-sha1")))
                .psk(PSK, Testbed.LEFT_IP, Testbed.RIGHT_IP);
    }

    private interface InTestbed {
        Figures run(Testbed bed);
    }

    private static Figures inTestbed(InTestbed body) {
        try (Testbed bed = Testbed.create()) {
            return body.run(bed);
        }
    }
}
