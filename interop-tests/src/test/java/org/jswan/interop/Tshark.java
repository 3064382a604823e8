package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packet captures with tshark, and the check that every captured packet decodes cleanly.
 *
 * <p>Port 4500 needs no {@code -d}: Wireshark's udpencap dissector already splits the non-ESP
 * marker (IKE follows) from ESP-in-UDP and NAT keepalives. Forcing {@code -d udp.port==4500,isakmp}
 * would decode the marker as ISAKMP cookies and ESP as ISAKMP: "Malformed" everywhere.
 */
final class Tshark {
    static final Duration DECODE_TIMEOUT = Duration.ofSeconds(60);

    private Tshark() {
    }

    /** A running capture on one interface of one namespace, written to a pcapng. */
    static final class Capture implements AutoCloseable {
        private final Daemon daemon;
        private final Path pcap;

        private Capture(Daemon daemon, Path pcap) {
            this.daemon = daemon;
            this.pcap = pcap;
        }

        Path pcap() {
            return pcap;
        }

        /** Ends the capture (SIGINT by PID, verified), waits for tshark to write the file; bounded. */
        Path stop() {
            Wait.sleep(Duration.ofMillis(300)); // the last packets in flight
            if (daemon.ours()) {
                daemon.signal("INT");
                if (!daemon.awaitExit(Duration.ofSeconds(5))) {
                    daemon.stop(Duration.ofSeconds(3));
                }
            }
            daemon.stop(Duration.ofSeconds(1)); // deregisters
            return pcap;
        }

        @Override
        public void close() {
            stop();
        }

        @Override
        public String toString() {
            return "tshark capture " + pcap;
        }
    }

    /**
     * Starts {@code tshark -i IFACE -n -q -a duration:MAX -w PCAP} in {@code ns} and waits (≤ 10 s)
     * until it is capturing. tshark ends by itself after {@code max} at the latest.
     */
    static Capture start(Netns ns, String iface, Duration max, Path pcap) {
        return start(ns, iface, max, pcap, List.of());
    }

    /**
     * Like {@link #start(Netns, String, Duration, Path)} with more dumpcap options, e.g. a
     * snapshot length ({@code -s 96}) or a capture filter ({@code -f BPF}) for bulk traffic.
     */
    static Capture start(Netns ns, String iface, Duration max, Path pcap, List<String> options) {
        try {
            Files.createDirectories(pcap.getParent());
            Files.deleteIfExists(pcap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = pcap.resolveSibling(pcap.getFileName() + ".tshark.log");
        String marker = "-w " + pcap;
        List<String> cmd = new ArrayList<>(List.of("tshark", "-i", iface, "-n", "-q", "-a",
                "duration:" + Math.max(1, max.toSeconds())));
        cmd.addAll(options);
        cmd.add("-w");
        cmd.add(pcap.toString());
        Daemon d = ns.start("tshark", cmd, Map.of(), log, log, pid -> Daemon.cmdline(pid).contains(marker));
        LogFile l = new LogFile(log);
        if (!Wait.until(Duration.ofSeconds(10), () -> !d.alive() || !l.grep(0, "Capturing on").isEmpty())
                || !d.alive()) {
            d.stop(Duration.ofSeconds(2));
            throw new AssertionError("tshark did not start capturing on " + iface + " in " + ns.name() + ":\n"
                    + String.join("\n", l.all()));
        }
        Wait.sleep(Duration.ofMillis(300)); // "Capturing on" comes a moment before dumpcap really captures
        return new Capture(d, pcap);
    }

    /** One ISAKMP SA's decryption entry for tshark: initiator cookie and Ka, both hex. */
    record Key(String initiatorCookie, String ka) {
        String option() {
            return "uat:ikev1_decryption_table:" + initiatorCookie + "," + ka;
        }
    }

    /** A frame the check did not like, with the offending lines of its decode. */
    record Finding(int frame, String summary, List<String> lines) {
        @Override
        public String toString() {
            return "frame " + frame + " (" + summary + "): " + String.join(" | ", lines);
        }
    }

    /** The result of {@link #check}: how many frames were decoded, which were bad. */
    record Report(Path pcap, String filter, int frames, List<Finding> findings, List<Key> keys) {
        boolean clean() {
            return findings.isEmpty();
        }

        /** Throws an AssertionError listing each offending frame. */
        Report assertClean() {
            if (!clean()) {
                StringBuilder s = new StringBuilder("tshark finds ").append(findings.size())
                        .append(" bad frame(s) among ").append(frames).append(" in ").append(pcap)
                        .append(" (filter ").append(filter).append("):");
                for (Finding f : findings) {
                    s.append("\n  ").append(f);
                }
                s.append("\n  (decode yourself: tshark -r ").append(pcap).append(" -V");
                for (Key k : keys) {
                    s.append(" -o '").append(k.option()).append('\'');
                }
                s.append(")");
                throw new AssertionError(s.toString());
            }
            return this;
        }
    }

    private static final Pattern FRAME = Pattern.compile("^Frame (\\d+): ");

    /**
     * Decodes the frames matching {@code displayFilter} with {@code tshark -r PCAP -V} (decrypting
     * with {@code keys}) and reports every frame whose decode has a line with "Malformed" or an
     * expert error or warning ({@code [Expert Info (Error/...} or {@code (Warning/...}).
     *
     * <p>Retransmissions (a datagram byte for byte equal to an earlier one from the same sender)
     * are decoded without the keys: tshark chains the IKEv1 IV per message ID across the capture,
     * so it would decrypt a resent message with the IV left by the reply and call it malformed.
     */
    static Report check(Path pcap, String displayFilter, List<Key> keys) {
        String base = displayFilter == null ? "frame" : "(" + displayFilter + ")";
        List<Integer> resent = retransmissions(pcap, base);
        String others = resent.isEmpty() ? base : base + " && !(frame.number in {" + join(resent) + "})";
        Report first = decode(pcap, others, keys);
        if (resent.isEmpty()) {
            return new Report(pcap, displayFilter, first.frames(), first.findings(), keys);
        }
        Report second = decode(pcap, "frame.number in {" + join(resent) + "}", List.of());
        List<Finding> all = new ArrayList<>(first.findings());
        all.addAll(second.findings());
        all.sort(java.util.Comparator.comparingInt(Finding::frame));
        return new Report(pcap, displayFilter, first.frames() + second.frames(), List.copyOf(all), keys);
    }

    private static Report decode(Path pcap, String filter, List<Key> keys) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-V"));
        for (Key k : keys) {
            cmd.add("-o");
            cmd.add(k.option());
        }
        cmd.add("-Y");
        cmd.add(filter);
        Exec.Result r = Exec.run(DECODE_TIMEOUT, cmd);
        if (!r.ok()) {
            throw new AssertionError("tshark could not decode " + pcap + ":\n" + r.describe());
        }
        Report report = findings(pcap, filter, r.out(), keys, Map.of());
        if (report.clean()) {
            return report;
        }
        // only for a report: tshark's one-line summaries of the bad frames
        return findings(pcap, filter, r.out(), keys, summaries(pcap, filter, keys));
    }

    /** Frames (matching {@code filter}) whose UDP payload repeats an earlier one from the same source. */
    static List<Integer> retransmissions(Path pcap, String filter) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<Integer> resent = new ArrayList<>();
        for (List<String> row : fields(pcap, filter + " && udp", List.of(), "frame.number", "ip.src", "udp.payload")) {
            if (row.size() < 3 || row.get(2).isEmpty()) {
                continue;
            }
            String key = row.get(1) + " " + row.get(2);
            int frame = Integer.parseInt(row.get(0));
            if (seen.putIfAbsent(key, frame) != null) {
                resent.add(frame);
            }
        }
        return resent;
    }

    private static String join(List<Integer> frames) {
        StringBuilder s = new StringBuilder();
        for (int f : frames) {
            s.append(s.length() == 0 ? "" : ",").append(f); // tshark 4.0: {a,b}, not {a b}
        }
        return s.toString();
    }

    /** Parses {@code tshark -V} output (separate for the unit test). */
    static Report findings(Path pcap, String filter, List<String> verbose, List<Key> keys, Map<Integer, String> summary) {
        Map<Integer, List<String>> bad = new LinkedHashMap<>();
        int frame = 0;
        int frames = 0;
        for (String line : verbose) {
            Matcher m = FRAME.matcher(line);
            if (m.find()) {
                frame = Integer.parseInt(m.group(1));
                frames++;
                continue;
            }
            if (line.contains("Malformed") || line.contains("[Expert Info (Error") || line.contains("(Warning")) {
                bad.computeIfAbsent(frame, f -> new ArrayList<>()).add(line.trim());
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : bad.entrySet()) {
            out.add(new Finding(e.getKey(), summary.getOrDefault(e.getKey(), "?"), List.copyOf(e.getValue())));
        }
        return new Report(pcap, filter, frames, List.copyOf(out), List.copyOf(keys));
    }

    /** frame number -> tshark's one-line summary. */
    static Map<Integer, String> summaries(Path pcap, String filter, List<Key> keys) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (String l : lines(pcap, filter, keys)) {
            String t = l.trim();
            int sp = t.indexOf(' ');
            if (sp > 0 && t.substring(0, sp).matches("\\d+")) {
                out.put(Integer.parseInt(t.substring(0, sp)), t.substring(sp + 1).trim());
            }
        }
        return out;
    }

    /** tshark's one line per frame (for reports and docs). */
    static List<String> lines(Path pcap, String filter, List<Key> keys) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        for (Key k : keys) {
            cmd.add("-o");
            cmd.add(k.option());
        }
        if (filter != null) {
            cmd.add("-Y");
            cmd.add(filter);
        }
        return Exec.run(DECODE_TIMEOUT, cmd).requireOk().out();
    }

    /** How many frames of the capture match {@code filter}. */
    static int count(Path pcap, String filter) {
        return fields(pcap, filter, List.of(), "frame.number").size();
    }

    /** {@code tshark -T fields}: one row per matching frame, the fields tab-separated. */
    static List<List<String>> fields(Path pcap, String filter, List<Key> keys, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields"));
        for (Key k : keys) {
            cmd.add("-o");
            cmd.add(k.option());
        }
        if (filter != null) {
            cmd.add("-Y");
            cmd.add(filter);
        }
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String l : Exec.run(DECODE_TIMEOUT, cmd).requireOk().out()) {
            rows.add(List.of(l.split("\t", -1)));
        }
        return rows;
    }

    /**
     * Pairs every Main Mode initiator cookie in the capture with the Ka (from charon's ike=4 log)
     * that decrypts its first encrypted message: one tshark run per candidate Ka, all cookies at
     * once. A cookie is matched when that frame decodes without error to ID, HASH (PSK) or ID, SIG
     * (RSA): the header's next payload (ID) is in the clear, the HASH/SIG after it only if the
     * key is right. A message encrypted with another key (a wrong PSK) is left undecrypted.
     */
    static List<Key> decryptionKeys(Path pcap, List<String> kas) {
        String encryptedMm = "isakmp.exchangetype == 2 && isakmp.flag_e == 1";
        Map<String, String> firstEncrypted = new LinkedHashMap<>();
        for (List<String> row : fields(pcap, encryptedMm, List.of(), "frame.number", "isakmp.ispi")) {
            if (row.size() >= 2 && !row.get(1).isEmpty()) {
                firstEncrypted.putIfAbsent(row.get(1), row.get(0));
            }
        }
        List<String> cookies = new ArrayList<>(firstEncrypted.keySet());
        List<Key> found = new ArrayList<>();
        for (String ka : kas) {
            if (cookies.isEmpty()) {
                break;
            }
            List<Key> trial = new ArrayList<>();
            for (String ck : cookies) {
                trial.add(new Key(ck, ka));
            }
            for (List<String> row : fields(pcap, encryptedMm + " && !_ws.malformed", trial,
                    "frame.number", "isakmp.ispi", "isakmp.typepayload")) {
                if (row.size() < 3 || !row.get(0).equals(firstEncrypted.get(row.get(1)))) {
                    continue;
                }
                List<String> types = List.of(row.get(2).split(","));
                if (types.size() >= 2 && types.get(0).equals("5") && (types.get(1).equals("8")
                        || types.get(1).equals("9")) && cookies.remove(row.get(1))) {
                    found.add(new Key(row.get(1), ka));
                }
            }
        }
        return List.copyOf(found);
    }
}
