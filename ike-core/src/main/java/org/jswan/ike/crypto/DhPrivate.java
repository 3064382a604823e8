package org.jswan.ike.crypto;

import java.util.Objects;
import org.jswan.ike.base.Secret;

/**
 * Our Diffie-Hellman private exponent x for one group: opaque, printed as {@code <secret ...>}.
 * Made by {@link DhGroup#generatePrivate}; {@link #close()} zeroises it once g^xy is known.
 */
public record DhPrivate(DhGroup group, Secret x) implements AutoCloseable {
    public DhPrivate {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(x, "x");
    }

    @Override
    public void close() {
        x.close();
    }

    @Override
    public String toString() {
        return "<secret " + group.oakleyName() + " private exponent, " + x.length() + " bytes>";
    }
}
