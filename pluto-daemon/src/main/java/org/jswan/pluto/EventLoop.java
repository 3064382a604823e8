package org.jswan.pluto;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.engine.Effect;
import org.jswan.ike.engine.Input;
import org.jswan.ike.whack.WhackMessage;

/**
 * pluto's one loop thread: waits on the selector (control socket, whack clients, UDP sockets)
 * until the earliest deadline, turns what happened into {@link Input}s stamped with
 * {@link MonoClock} time, hands them to the engine one at a time, and carries out the effects in
 * the order returned. Inputs that arise while effects are carried out (a whack client dropped,
 * say) wait their turn in a queue, so the engine is never re-entered.
 */
final class EventLoop implements WhackServer.Listener {
    /** Ticks fed in one go when the engine keeps asking for them at or before now. */
    private static final int MAX_TICKS_PER_TURN = 64;
    /** If the engine has not asked to exit this long after SIGTERM, the daemon exits anyway. */
    static final Duration TERMINATE_GRACE = Duration.ofSeconds(5);

    private final EnginePort engine;
    private final Selector selector;
    private final MonoClock clock;
    private final PlutoLog log;
    private final Inbox inbox;
    private final WhackServer whack;
    private final IkeSockets ike;
    private final CryptoPool crypto;
    private final KernelBridge kernel;
    private final SaUsage usage;
    private final ListenScan listen;
    private final ArrayDeque<Input> pending = new ArrayDeque<>();
    private boolean draining;
    private Integer exitStatus;
    private MonoTime terminateBy;

    /** The parts the loop drives; {@link #ike} must have been built with {@link #feed} as its sink. */
    record Parts(Selector selector, MonoClock clock, PlutoLog log, Inbox inbox, WhackServer whack,
                 CryptoPool crypto, KernelBridge kernel, ListenScan listen) {
    }

    EventLoop(EnginePort engine, Parts p) {
        this.engine = engine;
        this.selector = p.selector();
        this.clock = p.clock();
        this.log = p.log();
        this.inbox = p.inbox();
        this.whack = p.whack();
        this.crypto = p.crypto();
        this.kernel = p.kernel();
        this.usage = new SaUsage(kernel);
        this.listen = p.listen();
        this.ike = new IkeSockets(selector, log, clock, this::feed);
        whack.setListener(this);
    }

    IkeSockets ikeSockets() {
        return ike;
    }

    /** Runs until the engine asks to exit; returns the status it asked for. */
    int run() {
        while (exitStatus == null) {
            try {
                long wait = waitMillis();
                if (wait == 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait < 0 ? 0 : wait);
                }
            } catch (IOException e) {
                log.error("select() failed: " + e.getMessage());
                return 1;
            }
            dispatchSelected();
            drainInbox();
            whack.expire(clock.now());
            whack.flushPending();
            tickIfDue();
            usage.poll(clock.now()).ifPresent(this::feed);
            if (terminateBy != null && exitStatus == null && !clock.now().isBefore(terminateBy)) {
                log.info("the engine did not exit within " + TERMINATE_GRACE.toSeconds() + " s of SIGTERM; exiting");
                exitStatus = 0;
            }
        }
        return exitStatus;
    }

    private void dispatchSelected() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext() && exitStatus == null) {
            SelectionKey k = it.next();
            it.remove();
            Object a = k.attachment();
            if (k.isValid() && a instanceof KeyHandler h) {
                try {
                    h.onReady(k);
                } catch (RuntimeException e) {
                    internalError("handling a ready socket", e);
                }
            }
        }
    }

    private void drainInbox() {
        Input in;
        while (exitStatus == null && (in = inbox.poll(clock.now())) != null) {
            if (in instanceof Input.Terminate && terminateBy == null) {
                terminateBy = in.now().plus(TERMINATE_GRACE);
            }
            feed(in);
        }
    }

    private void tickIfDue() {
        for (int i = 0; i < MAX_TICKS_PER_TURN && exitStatus == null; i++) {
            Optional<MonoTime> d = engine.nextDeadline();
            MonoTime now = clock.now();
            if (d.isEmpty() || d.get().isAfter(now)) {
                return;
            }
            feed(new Input.Tick(now));
        }
    }

    /** Milliseconds until the earliest deadline: 0 for now, -1 for none. */
    private long waitMillis() {
        MonoTime now = clock.now();
        MonoTime best = null;
        for (Optional<MonoTime> d : List.of(engine.nextDeadline(), whack.nextDeadline(), usage.nextDeadline(),
                Optional.ofNullable(terminateBy))) {
            if (d.isPresent() && (best == null || d.get().isBefore(best))) {
                best = d.get();
            }
        }
        if (best == null) {
            return -1;
        }
        long nanos = now.until(best).toNanos();
        if (nanos <= 0) {
            return 0;
        }
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /** Hands {@code input} to the engine, now or, if the engine is busy, right after. */
    void feed(Input input) {
        pending.add(input);
        if (draining) {
            return;
        }
        draining = true;
        try {
            Input next;
            while (exitStatus == null && (next = pending.poll()) != null) {
                step(next);
                whack.flushPending();
            }
        } finally {
            draining = false;
        }
    }

    private void step(Input input) {
        List<Effect> effects;
        try {
            effects = engine.handle(input);
        } catch (RuntimeException e) {
            internalError("in the engine, handling " + input.getClass().getSimpleName(), e);
            return;
        }
        for (Effect e : effects) {
            if (exitStatus != null) {
                return;
            }
            try {
                perform(e);
            } catch (RuntimeException ex) {
                internalError("carrying out " + e.getClass().getSimpleName(), ex);
            }
        }
    }

    private void perform(Effect e) {
        if (e instanceof Effect.Send s) {
            ike.send(s.from(), s.to(), s.data());
        } else if (e instanceof Effect.WhackLine l) {
            whack.line(l.client(), l.rc(), l.text());
        } else if (e instanceof Effect.WhackDone d) {
            whack.done(d.client());
        } else if (e instanceof Effect.Log l) {
            log.line(l.level(), l.text());
        } else if (e instanceof Effect.StartCrypto c) {
            if (!crypto.start(c.job(), c.task())) {
                log.error("crypto job " + c.job() + " not started: the pool is shut down");
            }
        } else if (e instanceof Effect.OpenSocket o) {
            ike.open(o.interfaceName(), o.local());
        } else if (e instanceof Effect.CloseSocket c) {
            ike.close(c.local());
        } else if (e instanceof Effect.Kernel k) {
            kernel.apply(k.request());
            usage.observe(k.request());
        } else if (e instanceof Effect.Updown u) {
            updown(u);
        } else if (e instanceof Effect.Exit x) {
            exitStatus = x.status();
        } else {
            log.error("effect not understood: " + e);
        }
    }

    /** FreeS/WAN let the updown script take as long as it liked; jswan bounds it and says so. */
    static final java.time.Duration UPDOWN_TIMEOUT = java.time.Duration.ofSeconds(30);
    private final org.jswan.updown.UpdownRunner updownRunner = new org.jswan.updown.UpdownRunner();

    /** pluto(8): "Pluto waits for the script to finish"; its output and exit status are logged. */
    private void updown(Effect.Updown u) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(u.env());
        String dir = System.getenv("IPSEC_DIR");
        if (dir != null) {
            // so that the default "ipsec _updown" finds this tree's bin/ipsec
            env.put("PATH", dir + "/bin:" + System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        }
        String prefix = "\"" + u.connection() + "\"" + (u.serial() != 0 ? " #" + u.serial() : "") + ": ";
        org.jswan.updown.UpdownResult r = updownRunner.run(u.command(), u.verb(), env, UPDOWN_TIMEOUT);
        for (String line : r.output()) {
            log.info(prefix + u.verb() + " output: " + line);
        }
        if (!r.succeeded()) {
            log.error(prefix + u.verb() + " command " + (r.timedOut() ? "timed out after "
                    + UPDOWN_TIMEOUT.toSeconds() + "s and was killed" : r.problem() != null && r.exitStatus() < 0
                    ? "could not run: " + r.problem() : "exited with status " + r.exitStatus()));
        }
    }

    private void internalError(String where, RuntimeException e) {
        StringBuilder sb = new StringBuilder("internal error " + where + ": " + e);
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(st.length, 6); i++) {
            sb.append(i == 0 ? " at " : " < ").append(st[i]);
        }
        log.error(sb.toString());
    }

    // ---- whack requests, from WhackServer ----

    @Override
    public void request(long client, WhackMessage message) {
        Input.ListenFacts facts = message.listen() ? listen.scan() : null;
        feed(new Input.Whack(client, message, facts, clock.now()));
    }

    @Override
    public void undecodable(long client, String reason) {
        feed(new Input.BadWhack(client, reason, clock.now()));
    }

    @Override
    public void gone(long client) {
        feed(new Input.WhackGone(client, clock.now()));
    }

    /** Releases every socket and the crypto pool (the caller removes the files). */
    void shutdown() {
        whack.close();
        ike.close();
        crypto.close();
        kernel.close();
        try {
            selector.close();
        } catch (IOException e) {
            // exiting
        }
    }
}
