package org.jswan.pluto;

import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.engine.Effect;
import org.jswan.ike.engine.Engine;
import org.jswan.ike.engine.Input;

/**
 * The two calls the loop makes on the engine. Production wraps the real {@link Engine}; the
 * loop's tests drive it with a scripted one, so every effect can be exercised before the engine
 * produces it.
 */
interface EnginePort {
    List<Effect> handle(Input input);

    Optional<MonoTime> nextDeadline();

    static EnginePort of(Engine engine) {
        return new EnginePort() {
            @Override
            public List<Effect> handle(Input input) {
                return engine.handle(input);
            }

            @Override
            public Optional<MonoTime> nextDeadline() {
                return engine.nextDeadline();
            }
        };
    }
}
