package org.jswan.ike.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Rng;
import org.jswan.ike.secrets.SecretsTable;
import org.jswan.ike.whack.WhackMessage;

/**
 * N engines on one virtual clock, joined by a lossless (or filtered) zero-latency network.
 * Crypto jobs run inline. Every datagram sent is recorded, so tests can drop, duplicate or
 * inspect them. Nothing here reads a real clock or opens a socket.
 */
final class Sim {
    /** One datagram in flight or delivered. */
    record Datagram(Node from, Endpoint src, Endpoint dst, Bytes data, int seq) {
    }

    final class Node {
        final String name;
        final Engine engine;
        final IpAddress address;
        final int port;
        final List<String> log = new ArrayList<>();
        final Map<Long, List<String>> whackLines = new HashMap<>();
        final Set<Long> whackDone = new HashSet<>();
        final Set<Endpoint> sockets = new HashSet<>();
        boolean exited;
        boolean keepLog = true;
        final List<org.jswan.ike.engine.kernel.KernelRequest> kernel = new ArrayList<>();
        final List<Effect.Updown> updowns = new ArrayList<>();
        final Path secretsFile;

        Node(String name, IpAddress address, int port, String secrets, long seed, long debugging) {
            this(name, address, port, secrets, Rng.seeded(seed), debugging, true);
        }

        Node(String name, IpAddress address, int port, String secrets, Rng rng, long debugging) {
            this(name, address, port, secrets, rng, debugging, true);
        }

        Node(String name, IpAddress address, int port, String secrets, Rng rng, long debugging, boolean noKlips) {
            this.name = name;
            this.address = address;
            this.port = port;
            EngineConfig cfg = EngineConfig.defaults().withIkePort(port).withNoKlips(noKlips).withDebugging(debugging)
                    .withUniqueIds(uniqueIds);
            this.engine = new Engine(cfg, rng);
            try {
                secretsFile = Files.createTempFile(dir, name, ".secrets");
                Files.writeString(secretsFile, secrets);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Endpoint endpoint() {
            return new Endpoint(address, port);
        }

        List<String> lines(long client) {
            return whackLines.getOrDefault(client, List.of());
        }

        boolean logged(String fragment) {
            return log.stream().anyMatch(l -> l.contains(fragment));
        }

        int states() {
            return engine.stateCount();
        }
    }

    private final Path dir;
    final List<Node> nodes = new ArrayList<>();
    final List<Datagram> sent = new ArrayList<>();
    /** When each datagram in {@link #sent} was sent (same index). */
    final List<MonoTime> sentAt = new ArrayList<>();
    /** Nodes created from now on run with pluto's {@code --uniqueids}. */
    boolean uniqueIds;
    /** Keep {@link #sent}? Long simulations turn it off to save memory. */
    boolean record = true;
    private final Deque<Datagram> inflight = new ArrayDeque<>();
    MonoTime now = MonoTime.ofSeconds(1000);
    Predicate<Datagram> drop = d -> false;
    /** Rewrites each datagram on its way (a NAT box); identity by default. */
    java.util.function.UnaryOperator<Datagram> path = d -> d;
    /** Sees every datagram as it is sent (for counters in long runs). */
    java.util.function.Consumer<Datagram> onSend;
    /** What is delivered for a datagram that is not dropped (tests rewrite bytes on the wire here). */
    Function<Datagram, Bytes> rewrite = Datagram::data;
    /** How many times a datagram that is not dropped arrives (tests duplicate on the wire here). */
    ToIntFunction<Datagram> copies = d -> 1;
    /** When not null, every effect any engine returns is also added here (tests that scan them all). */
    List<Effect> observed;
    private long nextClient = 1;
    private int seq;

    Sim(Path dir) {
        this.dir = dir;
    }

    Node node(String name, String ip, int port, String secrets, long seed) {
        return node(name, ip, port, secrets, seed, 0);
    }

    /** A node whose engine drives a kernel (not --noklips): kernel requests and updown runs are recorded. */
    Node klipsNode(String name, String ip, int port, String secrets, long seed) {
        Node n = new Node(name, IpAddress.parse(ip), port, secrets, Rng.seeded(seed), 0, false);
        nodes.add(n);
        return n;
    }

    Node node(String name, String ip, int port, String secrets, long seed, long debugging) {
        Node n = new Node(name, IpAddress.parse(ip), port, secrets, seed, debugging);
        nodes.add(n);
        return n;
    }

    /** A node whose engine draws from {@code rng} (e.g. a recording one, to recompute its keys). */
    Node node(String name, String ip, int port, String secrets, Rng rng, long debugging) {
        Node n = new Node(name, IpAddress.parse(ip), port, secrets, rng, debugging);
        nodes.add(n);
        return n;
    }

    /** Sends a whack request to {@code n} (with listen facts when it says --listen) and runs to quiet. */
    long whack(Node n, WhackMessage m) {
        long client = nextClient++;
        Input.ListenFacts facts = null;
        if (m.listen()) {
            facts = new Input.ListenFacts(List.of(new Input.NetInterface("lo", n.address)),
                    SecretsTable.load(n.secretsFile.toString(), name -> Optional.empty()));
        }
        apply(n, n.engine.handle(new Input.Whack(client, m, facts, now)));
        return client;
    }

    void listen(Node n) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.listen = true;
        whack(n, b.build());
    }

    long initiate(Node n, String name) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.initiate = true;
        b.name = name;
        return whack(n, b.build());
    }

    List<String> status(Node n) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.status = true;
        return n.lines(whack(n, b.build()));
    }

    /** Delivers everything in flight, recursively, without advancing time. */
    void settle() {
        for (int guard = 0; guard < 100_000 && !inflight.isEmpty(); guard++) {
            Datagram d = path.apply(inflight.poll());
            if (drop.test(d)) {
                continue;
            }
            for (int copy = copies.applyAsInt(d); copy > 0; copy--) {
                for (Node n : nodes) {
                    if (!n.exited && n.sockets.contains(d.dst())) {
                        apply(n, n.engine.handle(new Input.Packet(rewrite.apply(d), d.src(), d.dst(), now)));
                    }
                }
            }
        }
    }

    /** Advances the clock from deadline to deadline (delivering packets between) until {@code limit} has passed. */
    void run(Duration limit) {
        MonoTime end = now.plus(limit);
        settle();
        for (int guard = 0; guard < 100_000; guard++) {
            MonoTime next = null;
            for (Node n : nodes) {
                if (n.exited) {
                    continue;
                }
                Optional<MonoTime> d = n.engine.nextDeadline();
                if (d.isPresent() && (next == null || d.get().isBefore(next))) {
                    next = d.get();
                }
            }
            if (next == null || next.isAfter(end)) {
                now = end;
                return;
            }
            if (next.isAfter(now)) {
                now = next;
            }
            for (Node n : nodes) {
                if (!n.exited) {
                    apply(n, n.engine.handle(new Input.Tick(now)));
                }
            }
            settle();
        }
        throw new AssertionError("simulation did not become quiet");
    }

    void apply(Node n, List<Effect> effects) {
        if (observed != null) {
            observed.addAll(effects);
        }
        for (Effect e : effects) {
            if (e instanceof Effect.Send s) {
                Datagram d = new Datagram(n, s.from(), s.to(), s.data(), seq++);
                if (record) {
                    sent.add(d);
                    sentAt.add(now);
                }
                inflight.add(d);
                if (onSend != null) {
                    onSend.accept(d);
                }
            } else if (e instanceof Effect.WhackLine w) {
                n.whackLines.computeIfAbsent(w.client(), k -> new ArrayList<>())
                        .add(String.format("%03d %s", w.rc(), w.text()));
            } else if (e instanceof Effect.WhackDone w) {
                n.whackDone.add(w.client());
            } else if (e instanceof Effect.Log l) {
                if (n.keepLog) {
                    n.log.add(l.text());
                }
            } else if (e instanceof Effect.StartCrypto c) {
                Object result;
                try {
                    result = c.task().run();
                } catch (RuntimeException ex) {
                    result = ex;
                }
                apply(n, n.engine.handle(new Input.CryptoDone(c.job(), result, now)));
            } else if (e instanceof Effect.OpenSocket o) {
                n.sockets.add(o.local());
            } else if (e instanceof Effect.CloseSocket c) {
                n.sockets.remove(c.local());
            } else if (e instanceof Effect.Kernel k) {
                n.kernel.add(k.request());
            } else if (e instanceof Effect.Updown u) {
                n.updowns.add(u);
            } else if (e instanceof Effect.Exit) {
                n.exited = true;
            }
        }
    }

    /** A whack message builder prefilled with a connection between two nodes. */
    static WhackMessage.Builder conn(String name, Node left, String leftClient, Node right, String rightClient,
                                     long policy) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.name = name;
        b.connection = true;
        b.policy = policy;
        b.left = org.jswan.ike.whack.WhackEnd.empty().withHost(left.address).withHostPort(left.port)
                .withClient(leftClient == null ? null : org.jswan.ike.base.Subnet.parse(leftClient), false);
        b.right = org.jswan.ike.whack.WhackEnd.empty().withHost(right.address).withHostPort(right.port)
                .withClient(rightClient == null ? null : org.jswan.ike.base.Subnet.parse(rightClient), false);
        return b;
    }
}
