package org.jswan.ike.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.whack.WhackMessage;

/**
 * The post-mortem of security-and-users.md §A3.1, applied after every robustness case:
 * <ol>
 *   <li>no Throwable escapes {@link Engine#handle}, and no "INTERNAL ERROR" is logged (the
 *       engine's boundary catch turning a bug into a log line is still a bug);</li>
 *   <li>past 75 s of virtual time the state count is back to its baseline;</li>
 *   <li>at most one datagram answers one unauthenticated packet, no more than 64 bytes bigger
 *       than it, and nothing at all is sent on a timer toward a peer that never sent a valid MI2.</li>
 * </ol>
 * Packets are handed to one engine directly and its answers are collected, not delivered: the
 * case sees exactly what that one packet caused. Crypto jobs run inline, as in {@link Sim}.
 */
final class Oracle {
    private Oracle() {
    }

    /** Past the longest discard / retransmission give-up (70 s). */
    static final Duration SETTLE = Duration.ofSeconds(76);
    static final int MAX_GROWTH = 64;

    /** Everything an engine did for one input, including the crypto jobs it asked for. */
    static final class Result {
        final List<Effect> effects = new ArrayList<>();
        final List<Effect.Send> sends = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        int jobs;

        boolean logged(String fragment) {
            return log.stream().anyMatch(l -> l.contains(fragment));
        }

        long count(String fragment) {
            return log.stream().filter(l -> l.contains(fragment)).count();
        }

        int bytesSent() {
            return sends.stream().mapToInt(s -> s.data().length()).sum();
        }

        @Override
        public String toString() {
            return "sent " + sends.size() + " (" + bytesSent() + " bytes), " + jobs + " crypto jobs, log " + log;
        }
    }

    /** Oracle 1 for one input: handles it, and the crypto jobs it starts, inline. */
    static Result handle(Sim.Node n, Input in, String ctx) {
        Result r = new Result();
        handleInto(n, in, r, ctx, 0);
        return r;
    }

    /**
     * As {@link #handle}, but the crypto jobs the input starts are not run: they are added to
     * {@code held}, for the test to finish (or not) whenever it likes, as a slow crypto pool would.
     */
    static Result handleHoldingCrypto(Sim.Node n, Input in, List<Effect.StartCrypto> held, String ctx) {
        Result r = new Result();
        collect(n, in, r, ctx, held::add);
        return r;
    }

    private static void handleInto(Sim.Node n, Input in, Result r, String ctx, int depth) {
        if (depth > 16) {
            throw new AssertionError(ctx + ": crypto jobs keep starting crypto jobs");
        }
        collect(n, in, r, ctx, c -> {
            Object result;
            try {
                result = c.task().run();
            } catch (Throwable t) {
                throw new AssertionError(ctx + ": crypto job threw " + t, t);
            }
            handleInto(n, new Input.CryptoDone(c.job(), result, in.now()), r, ctx, depth + 1);
        });
    }

    /**
     * Hands {@code in} to {@code n}'s engine and adds what it did to {@code r}; each crypto job it
     * starts goes to {@code onJob}. Oracle 1: nothing escapes, nothing is caught at the boundary.
     */
    private static void collect(Sim.Node n, Input in, Result r, String ctx,
                                java.util.function.Consumer<Effect.StartCrypto> onJob) {
        List<Effect> fx;
        try {
            fx = n.engine.handle(in);
        } catch (Throwable t) {
            throw new AssertionError(ctx + ": " + t + " escaped Engine.handle(" + in.getClass().getSimpleName() + ")", t);
        }
        for (Effect e : fx) {
            r.effects.add(e);
            if (e instanceof Effect.Send s) {
                r.sends.add(s);
            } else if (e instanceof Effect.Log l) {
                r.log.add(l.text());
                n.log.add(l.text());
                if (l.text().contains("INTERNAL ERROR")) {
                    throw new AssertionError(ctx + ": engine caught a bug at its boundary: " + l.text());
                }
            } else if (e instanceof Effect.StartCrypto c) {
                r.jobs++;
                onJob.accept(c);
            }
        }
    }

    /** Oracle 1 for engines a {@link Sim} drove: nothing was caught at an engine's boundary. */
    static void noInternalError(String ctx, Sim.Node... nodes) {
        for (Sim.Node n : nodes) {
            for (String l : n.log) {
                if (l.contains("INTERNAL ERROR")) {
                    throw new AssertionError(ctx + ": " + n.name + " caught a bug at its boundary: " + l);
                }
            }
        }
    }

    /** Delivers one datagram to {@code n}'s IKE socket at the simulation's current time. */
    static Result packet(Sim sim, Sim.Node n, Bytes data, Endpoint from, String ctx) {
        return handle(n, new Input.Packet(data, from, n.endpoint(), sim.now), ctx);
    }

    /**
     * Oracle 3 for one packet: at most one answer; toward an unauthenticated peer, no more than
     * {@link #MAX_GROWTH} bytes bigger than the packet.
     */
    static void answersAtMostOnce(Result r, Bytes request, boolean unauthenticated, String ctx) {
        if (r.sends.size() > 1) {
            throw new AssertionError(ctx + ": " + r.sends.size() + " datagrams answered one packet: " + r);
        }
        if (unauthenticated && r.bytesSent() > request.length() + MAX_GROWTH) {
            throw new AssertionError(ctx + ": " + r.bytesSent() + " bytes answered a " + request.length()
                    + "-byte packet from an unauthenticated peer: " + r);
        }
    }

    /** Runs {@code n}'s timers for {@code d} of virtual time (it alone: nothing is delivered). */
    static Result advance(Sim sim, Sim.Node n, Duration d, String ctx) {
        MonoTime end = sim.now.plus(d);
        Result r = new Result();
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<MonoTime> next = n.engine.nextDeadline();
            if (next.isEmpty() || next.get().isAfter(end)) {
                sim.now = end;
                return r;
            }
            if (next.get().isAfter(sim.now)) {
                sim.now = next.get();
            }
            handleInto(n, new Input.Tick(sim.now), r, ctx, 0);
        }
        throw new AssertionError(ctx + ": timers never quiet");
    }

    /**
     * Oracles 2 and 3 at the end of a case: after 76 s the state count is {@code baseline}; if
     * {@code unauthenticatedPeer}, nothing was sent on a timer meanwhile.
     */
    static Result settles(Sim sim, Sim.Node n, int baseline, boolean unauthenticatedPeer, String ctx) {
        Result r = advance(sim, n, SETTLE, ctx);
        if (n.engine.stateCount() != baseline) {
            throw new AssertionError(ctx + ": " + n.engine.stateCount() + " states left after " + SETTLE.toSeconds()
                    + " s, baseline " + baseline + ": " + stateLines(sim, n));
        }
        if (unauthenticatedPeer && !r.sends.isEmpty()) {
            throw new AssertionError(ctx + ": " + r.sends.size() + " timer-driven datagrams toward a peer that never"
                    + " sent a valid MI2: " + r);
        }
        return r;
    }

    /** {@code whack --status}'s state lines ({@code #2: "net" STATE_QUICK_R2 (...); EVENT_... in Ns ...}). */
    static List<String> stateLines(Sim sim, Sim.Node n) {
        List<String> out = new ArrayList<>();
        for (String l : status(sim, n)) {
            if (l.startsWith("#") && l.contains(" STATE_")) {
                out.add(l);
            }
        }
        return out;
    }

    /** {@code whack --status} without leaving anything in the node's records. */
    static List<String> status(Sim sim, Sim.Node n) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.status = true;
        List<String> out = new ArrayList<>();
        for (Effect e : n.engine.handle(new Input.Whack(-7, b.build(), null, sim.now))) {
            if (e instanceof Effect.WhackLine w) {
                out.add(w.text());
            }
        }
        return out;
    }

    /** The states as serial and kind only ({@code #2 STATE_QUICK_R2}): what a packet may have changed. */
    static List<String> kinds(Sim sim, Sim.Node n) {
        List<String> out = new ArrayList<>();
        for (String l : stateLines(sim, n)) {
            int sp = l.indexOf(' ');
            int k = l.indexOf(" STATE_");
            int end = l.indexOf(' ', k + 1);
            out.add(l.substring(0, sp) + l.substring(k, end));
        }
        return out;
    }

    static String hex(Bytes b) {
        return b.toHex();
    }
}
