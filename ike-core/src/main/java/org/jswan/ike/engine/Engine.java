package org.jswan.ike.engine;

import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Rng;
import org.jswan.ike.whack.Rc;

/**
 * The IKEv1 engine: one per pluto, sans-IO. {@link #handle} takes one input and returns the
 * effects to carry out, in order; {@link #nextDeadline} says when to send the next
 * {@link Input.Tick}. Not thread-safe: the daemon calls it from its one loop thread.
 *
 * <p>No input can make it throw: anything unexpected is caught at this one boundary, logged
 * as an internal error naming the input, and the input is dropped.
 */
public final class Engine {
    private final Core core;

    public Engine(EngineConfig config, Rng rng) {
        this.core = new Core(config, rng);
    }

    public List<Effect> handle(Input input) {
        core.out = new Out(core.debugging);
        if (input.now().isAfter(core.now)) {
            core.now = input.now();
        }
        try {
            dispatch(input);
        } catch (RuntimeException e) {
            core.out.error("INTERNAL ERROR handling " + input.getClass().getSimpleName() + ": " + e);
            if (input instanceof Input.Whack w) {
                core.out.whack(w.client(), Rc.INTERNALERR.code(), "internal error: " + e.getClass().getSimpleName());
                core.out.whackDone(w.client());
            }
        }
        List<Effect> out = core.out.effects;
        return List.copyOf(out);
    }

    private void dispatch(Input input) {
        if (input instanceof Input.Packet p) {
            Demux.packet(core, p);
        } else if (input instanceof Input.Whack w) {
            WhackCommands.handle(core, w);
        } else if (input instanceof Input.BadWhack b) {
            core.out.error(b.reason());
            core.out.whack(b.client(), Rc.BADWHACKMESSAGE.code(), b.reason());
            core.out.whackDone(b.client());
        } else if (input instanceof Input.WhackGone g) {
            for (State st : core.states.all()) {
                if (st.whack == g.client()) {
                    st.whack = -1;
                }
            }
        } else if (input instanceof Input.Tick) {
            tick();
        } else if (input instanceof Input.CryptoDone d) {
            cryptoDone(d);
        } else if (input instanceof Input.Acquire a) {
            Routing.acquire(core, a);
        } else if (input instanceof Input.SaUsed u) {
            Lifecycle.saUsed(core, u);
        } else if (input instanceof Input.Terminate) {
            WhackCommands.shutdown(core, -1);
        } else if (input instanceof Input.Hangup) {
            core.out.log("Pluto ignores SIGHUP -- perhaps you want \"whack --listen\"");
        }
    }

    private void tick() {
        for (int i = 0; i < 10_000; i++) {
            Optional<Timers.Entry> e = core.timers.pollDue(core.now, core.states);
            if (e.isEmpty()) {
                return;
            }
            Lifecycle.fire(core, e.get());
        }
    }

    private void cryptoDone(Input.CryptoDone d) {
        State.Resume resume = core.jobs.remove(d.job());
        Long serial = core.jobOwner.remove(d.job());
        if (resume == null || serial == null) {
            return;
        }
        Optional<State> st = core.states.get(serial);
        if (st.isEmpty() || st.get().pendingJob != d.job()) {
            return;
        }
        State s = st.get();
        s.pendingJob = 0;
        core.out.setDebugging(core.debugging | s.connection.extraDebugging());
        if (!s.isPhase1() && core.states.get(s.phase1Serial).isEmpty()) {
            // its ISAKMP SA, whose keys the continuation would use, was deleted while the job was out
            core.pendingRows.remove(s.serial);
            MainMode.deleteState(core, s, "ISAKMP SA #" + s.phase1Serial + " was deleted while a crypto job was out;"
                    + " discarding its result");
            return;
        }
        Step step = resume.apply(d.result());
        Demux.Pending p = core.pendingRows.remove(s.serial);
        if (p != null) {
            Demux.complete(core, s, p.row(), p.md(), step);
        } else if (step instanceof Step.Fail f) {
            core.out.loglog(s, 3, f.detail());
            MainMode.deleteState(core, s, null);
        }
    }

    /** When the engine next needs a {@link Input.Tick}, if ever. */
    public Optional<MonoTime> nextDeadline() {
        return core.timers.next(core.states);
    }

    public EngineConfig config() {
        return core.config;
    }

    /** Number of live states (for tests and the leak oracle). */
    public int stateCount() {
        return core.states.size();
    }
}
