package org.jswan.ike.secrets;

import org.jswan.ike.base.Secret;

/** A pre-shared secret from ipsec.secrets. Prints as {@code PSK <secret N bytes>}. */
public record PreSharedKey(Secret secret) implements KeyMaterial {
    @Override
    public String kindName() {
        return "PSK";
    }

    @Override
    public boolean sameKeyAs(KeyMaterial other) {
        return other instanceof PreSharedKey p && secret.sameAs(p.secret);
    }

    @Override
    public String toString() {
        return "PSK " + secret;
    }
}
