package org.jswan.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * One network namespace this test run created, and the commands run inside it. Closing it stops
 * the daemons started in it (by PID, verified) and deletes it, which also removes its end of any
 * veth pair; it is registered with {@link Teardown} until then.
 */
final class Netns implements AutoCloseable {
    static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<Daemon> daemons = new ArrayList<>();
    private boolean closed;

    private Netns(String name) {
        this.name = name;
    }

    /**
     * Creates namespace {@code name} (it must not exist), brings up lo, turns IPv6 off (quiet
     * captures), rp_filter off (packets the TUN device delivers would be dropped) and forwarding on.
     */
    static Netns create(String name) {
        if (!name.matches("jsw-[0-9a-z-]{1,40}")) {
            throw new IllegalArgumentException("namespace names of this harness start with jsw-: " + name);
        }
        Exec.run(IP_TIMEOUT, "ip", "netns", "add", name).requireOk();
        Netns ns = new Netns(name);
        Teardown.register(ns);
        try {
            ns.ip("link", "set", "lo", "up");
            ns.sysctl("net.ipv6.conf.all.disable_ipv6", "1");
            ns.sysctl("net.ipv6.conf.default.disable_ipv6", "1");
            ns.sysctl("net.ipv4.conf.all.rp_filter", "0");
            ns.sysctl("net.ipv4.conf.default.rp_filter", "0");
            ns.sysctl("net.ipv4.conf.lo.rp_filter", "0");
            ns.sysctl("net.ipv4.ip_forward", "1");
        } catch (RuntimeException | AssertionError e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** A veth pair with one end in each namespace, created directly inside them. */
    static void veth(Netns a, String ifA, Netns b, String ifB) {
        Exec.run(IP_TIMEOUT, "ip", "link", "add", ifA, "netns", a.name, "type", "veth", "peer", "name", ifB,
                "netns", b.name).requireOk();
    }

    String name() {
        return name;
    }

    /** {@code ip -n NAME args...}, which must succeed. */
    Exec.Result ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return Exec.run(IP_TIMEOUT, cmd).requireOk();
    }

    void addAddress(String dev, String cidr) {
        ip("addr", "add", cidr, "dev", dev);
    }

    void linkUp(String dev) {
        ip("link", "set", dev, "up");
    }

    /** A dummy interface (another place for client addresses than lo). */
    void addDummy(String dev) {
        ip("link", "add", dev, "type", "dummy");
        linkUp(dev);
    }

    void sysctl(String key, String value) {
        exec(IP_TIMEOUT, "sysctl", "-q", "-w", key + "=" + value).requireOk();
    }

    /** An interface's packet and byte counters, as {@code ip -s link} shows them (rx: into the stack). */
    record LinkStats(long rxPackets, long rxBytes, long txPackets, long txBytes) {
        private static final java.util.regex.Pattern DIR = java.util.regex.Pattern.compile(
                "\"(rx|tx)\":\\{\"bytes\":(\\d+),\"packets\":(\\d+)");

        /** Parses {@code ip -s -j link show DEV}. */
        static LinkStats parse(String json) {
            long[] v = new long[4];
            int seen = 0;
            java.util.regex.Matcher m = DIR.matcher(json);
            while (m.find()) {
                int at = m.group(1).equals("rx") ? 0 : 2;
                v[at] = Long.parseLong(m.group(3));
                v[at + 1] = Long.parseLong(m.group(2));
                seen++;
            }
            if (seen != 2) {
                throw new IllegalArgumentException("no rx/tx counters in: " + json);
            }
            return new LinkStats(v[0], v[1], v[2], v[3]);
        }

        /** What was counted since {@code before}. */
        LinkStats minus(LinkStats before) {
            return new LinkStats(rxPackets - before.rxPackets, rxBytes - before.rxBytes,
                    txPackets - before.txPackets, txBytes - before.txBytes);
        }
    }

    /** The counters of {@code dev} here. */
    LinkStats linkStats(String dev) {
        return LinkStats.parse(ip("-s", "-j", "link", "show", "dev", dev).text());
    }

    /** Runs {@code command} inside the namespace ({@code ip netns exec}), bounded by {@code timeout}. */
    Exec.Result exec(Duration timeout, String... command) {
        return exec(timeout, Map.of(), List.of(command));
    }

    Exec.Result exec(Duration timeout, Map<String, String> env, List<String> command) {
        return Exec.run(timeout, env, inside(command));
    }

    /**
     * Starts a long-running {@code command} inside the namespace. {@code ip netns exec} exec()s
     * it, so the PID we get is the command's own; {@code identity} must recognise it in /proc.
     */
    Daemon start(String what, List<String> command, Map<String, String> env, Path out, Path err,
                 LongPredicate identity) {
        Daemon d = Daemon.start(what + " in " + name, inside(command), env, out, err, identity);
        synchronized (daemons) {
            daemons.add(d);
        }
        return d;
    }

    /** The PIDs of all processes in this namespace ({@code ip netns pids}). */
    List<Long> pids() {
        Exec.Result r = Exec.run(IP_TIMEOUT, "ip", "netns", "pids", name);
        List<Long> pids = new ArrayList<>();
        for (String l : r.out()) {
            if (l.trim().matches("\\d+")) {
                pids.add(Long.parseLong(l.trim()));
            }
        }
        return pids;
    }

    static boolean exists(String name) {
        return Exec.run(IP_TIMEOUT, "ip", "netns", "list").out().stream()
                .anyMatch(l -> l.equals(name) || l.startsWith(name + " "));
    }

    List<String> inside(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(command);
        return cmd;
    }

    /** Stops the daemons started here, newest first, then deletes the namespace. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            List<Daemon> todo;
            synchronized (daemons) {
                todo = new ArrayList<>(daemons);
            }
            for (int i = todo.size() - 1; i >= 0; i--) {
                todo.get(i).stop(Duration.ofSeconds(10));
            }
            List<Long> left = pids();
            if (!left.isEmpty()) {
                // not ours to kill: report them; the namespace lives on until they exit
                System.err.println("interop: processes still in " + name + " (not started by this harness"
                        + " or not stoppable): " + left);
            }
            Exec.Result r = Exec.run(IP_TIMEOUT, "ip", "netns", "delete", name);
            if (!r.ok()) {
                System.err.println("interop: " + r.describe());
            }
        } finally {
            Teardown.done(this);
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
