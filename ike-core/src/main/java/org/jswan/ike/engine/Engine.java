package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Rng;

/**
 * The IKEv1 engine: one per pluto. Not thread-safe: the daemon calls it from its one loop thread.
 *
 * <p>PLACEHOLDER while the state machine is written: answers --status and --shutdown only.
 */
public final class Engine {
    private final EngineConfig config;
    private final Rng rng;

    public Engine(EngineConfig config, Rng rng) {
        this.config = config;
        this.rng = rng;
    }

    /** Feeds one input; returns what to do, in order. Never throws for bad input. */
    public List<Effect> handle(Input input) {
        List<Effect> out = new ArrayList<>();
        if (input instanceof Input.Whack w) {
            if (w.message().status()) {
                out.add(new Effect.WhackLine(w.client(), 0, "interface list empty"));
            }
            if (w.message().shutdown()) {
                out.add(new Effect.Log(Effect.LogLevel.INFO, "shutting down"));
                out.add(new Effect.WhackDone(w.client()));
                out.add(new Effect.Exit(0));
                return out;
            }
            out.add(new Effect.WhackDone(w.client()));
        } else if (input instanceof Input.Terminate) {
            out.add(new Effect.Exit(0));
        }
        return out;
    }

    /** When the engine next needs a {@link Input.Tick}, if ever. */
    public Optional<MonoTime> nextDeadline() {
        return Optional.empty();
    }

    public EngineConfig config() {
        return config;
    }
}
