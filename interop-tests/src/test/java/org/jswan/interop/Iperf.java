package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iperf3 between two namespaces: a one-shot server ({@code iperf3 -s -1}) bound to one address,
 * and a client run bounded in length and time, whose JSON report ({@code -J}) gives the figures.
 *
 * <pre>
 * ip netns exec B iperf3 -s -1 -B DST -p 5201                       (until one test is done, or stopped by PID)
 * ip netns exec A iperf3 -c DST -B SRC -p 5201 -t SECONDS -J --connect-timeout 5000
 * </pre>
 */
final class Iperf {
    static final int PORT = 5201;
    /** How long the server may take to listen. */
    static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*?\"bytes\"\\s*:\\s*(\\d+)[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern SENT_RETRANSMITS = Pattern.compile(
            "\"sum_sent\"\\s*:\\s*\\{[^}]*?\"retransmits\"\\s*:\\s*(\\d+)");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"");

    private Iperf() {
    }

    /** What one client run measured: what the server received, and TCP's retransmissions. */
    record Result(long bytes, double bitsPerSecond, long retransmits) {
        double mbits() {
            return bitsPerSecond / 1e6;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.1f Mbit/s (%d bytes received, %d retransmits)", mbits(),
                    bytes, retransmits);
        }
    }

    /** A running one-shot server; closing it stops it by PID if it is still there. */
    static final class Server implements AutoCloseable {
        private final Daemon daemon;

        private Server(Daemon daemon) {
            this.daemon = daemon;
        }

        @Override
        public void close() {
            daemon.stop(Duration.ofSeconds(3));
        }
    }

    /**
     * Starts {@code iperf3 -s -1 -B bind} in {@code ns} (output to {@code log}) and waits until it
     * listens on port 5201 (≤ 10 s).
     */
    static Server server(Netns ns, String bind, Path log) {
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = List.of("iperf3", "-s", "-1", "-B", bind, "-p", Integer.toString(PORT));
        String marker = String.join(" ", cmd);
        Daemon d = ns.start("iperf3 server", cmd, Map.of(), log, log, pid -> Daemon.cmdline(pid).equals(marker));
        Server s = new Server(d);
        boolean listening = Wait.until(LISTEN_TIMEOUT, () -> !d.alive() || ns.exec(Netns.IP_TIMEOUT, "ss", "-Hltn",
                "src", bind + ":" + PORT).out().stream().anyMatch(l -> l.contains(":" + PORT)));
        if (!listening || !d.alive()) {
            s.close();
            throw new AssertionError("iperf3 did not listen on " + bind + ":" + PORT + " in " + ns.name());
        }
        return s;
    }

    /**
     * {@code iperf3 -c dst -B src -t seconds -J} in {@code ns}, killed if it takes 30 s more than
     * asked; an AssertionError with iperf3's own error if it did not complete.
     */
    static Result client(Netns ns, String src, String dst, int seconds) {
        Exec.Result r = ns.exec(Duration.ofSeconds(seconds + 30L), "iperf3", "-c", dst, "-B", src, "-p",
                Integer.toString(PORT), "-t", Integer.toString(seconds), "-J", "--connect-timeout", "5000");
        String json = String.join("\n", r.out());
        Matcher err = ERROR.matcher(json);
        if (!r.ok() || err.find() || !RECEIVED.matcher(json).find()) {
            throw new AssertionError("iperf3 " + src + " -> " + dst + " failed"
                    + (err.find(0) ? ": " + err.group(1) : "") + "\n" + r.describe());
        }
        return parse(json);
    }

    /** One measurement: a server in {@code to} on {@code dst}, a client in {@code from}, the server stopped after. */
    static Result measure(Netns from, String src, Netns to, String dst, int seconds, Path serverLog) {
        try (Server s = server(to, dst, serverLog)) {
            return client(from, src, dst, seconds);
        }
    }

    /** Parses iperf3's JSON report (for the unit test). */
    static Result parse(String json) {
        Matcher m = RECEIVED.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no sum_received in iperf3's report");
        }
        Matcher re = SENT_RETRANSMITS.matcher(json);
        return new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                re.find() ? Long.parseLong(re.group(1)) : 0);
    }
}
