package org.jswan.pluto;

import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.engine.Effect;
import org.jswan.ike.engine.Input;
import org.jswan.klips.NoKernel;

/**
 * An {@link EventLoop} on its own thread with a scripted engine, a real control socket in a
 * temporary directory and a log that is a list: the loop's behaviour, tested with real sockets
 * and no pluto process.
 */
final class LoopHarness implements AutoCloseable {
    /** The engine: answers with {@link #script} and remembers every input. */
    final class ScriptedEngine implements EnginePort {
        final List<Input> inputs = new CopyOnWriteArrayList<>();
        volatile Function<Input, List<Effect>> script = in -> List.of();
        volatile MonoTime deadline;

        @Override
        public List<Effect> handle(Input input) {
            inputs.add(input);
            if (input instanceof Input.Terminate) {
                return List.of(new Effect.Exit(0));
            }
            return script.apply(input);
        }

        @Override
        public Optional<MonoTime> nextDeadline() {
            return Optional.ofNullable(deadline);
        }
    }

    final Path ctl;
    final ScriptedEngine engine = new ScriptedEngine();
    final List<String> log = new CopyOnWriteArrayList<>();
    final MonoClock clock = new MonoClock();
    final Inbox inbox;
    final EventLoop loop;
    private final Thread thread;
    private volatile Integer status;

    LoopHarness(Path dir, WhackDecoder decoder, long debugging, List<String> interfaces) throws Exception {
        this(dir, decoder, debugging, interfaces, "/nonexistent/ipsec.secrets");
    }

    LoopHarness(Path dir, WhackDecoder decoder, long debugging, List<String> interfaces, String secrets)
            throws Exception {
        this.ctl = dir.resolve("pluto.ctl");
        Selector sel = Selector.open();
        PlutoLog plog = new PlutoLog((level, text) -> log.add(text), debugging);
        WhackServer ws = WhackServer.open(ctl, sel, decoder, PeerCheck.forThisProcess(), plog, clock);
        inbox = new Inbox(sel);
        KernelBridge kb = new KernelBridge(new NoKernel(l -> plog.debug(org.jswan.ike.whack.Debug.KLIPS,
                () -> "kernel: " + l)), plog, "kernel backend \"none\": SAs are negotiated but not installed");
        loop = new EventLoop(engine, new EventLoop.Parts(sel, clock, plog, inbox, ws, new CryptoPool(inbox), kb,
                new ListenScan(interfaces, secrets, org.jswan.ike.conn.Resolver.none(), plog)));
        thread = new Thread(() -> status = loop.run(), "test-loop");
    }

    LoopHarness(Path dir) throws Exception {
        this(dir, WhackDecoder.codec(), 0, List.of());
    }

    LoopHarness start() {
        thread.start();
        return this;
    }

    /** Waits for the first input that matches; fails after {@code timeout}. */
    <T extends Input> T await(Class<T> type, Predicate<T> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Input in : engine.inputs) {
                if (type.isInstance(in) && match.test(type.cast(in))) {
                    return type.cast(in);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + "; inputs: " + engine.inputs);
    }

    <T extends Input> T await(Class<T> type) throws InterruptedException {
        return await(type, x -> true, Duration.ofSeconds(5));
    }

    <T extends Input> List<T> inputs(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Input in : engine.inputs) {
            if (type.isInstance(in)) {
                out.add(type.cast(in));
            }
        }
        return out;
    }

    void awaitLog(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log.stream().anyMatch(match)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no such log line within " + timeout + "; log: " + log);
    }

    /** Waits for the loop to end by itself; returns its status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("loop still running after " + timeout);
        }
        return status;
    }

    @Override
    public void close() throws Exception {
        if (thread.isAlive()) {
            inbox.post(Input.Terminate::new);
            thread.join(5000);
        }
        loop.shutdown();
    }
}
