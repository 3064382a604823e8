package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Rng;

/**
 * A seeded {@link Rng} that remembers every draw, so a test can find the DH private value an
 * engine picked (the draw whose g^x is the KE it sent) and recompute that engine's keys.
 */
final class RecordingRng implements Rng {
    private final Rng inner;
    final List<Bytes> draws = new ArrayList<>();

    RecordingRng(long seed) {
        this.inner = Rng.seeded(seed);
    }

    @Override
    public void nextBytes(byte[] out) {
        inner.nextBytes(out);
        draws.add(Bytes.copyOf(out));
    }
}
