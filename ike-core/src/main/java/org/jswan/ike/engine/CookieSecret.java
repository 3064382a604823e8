package org.jswan.ike.engine;

import java.time.Duration;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Rng;
import org.jswan.ike.crypto.HashAlgorithm;

/**
 * The "secret of the day" cookies are made from (reference §2.2, §2.4): a cookie is the first 8
 * bytes of SHA-1(secret, counter, peer address[, initiator cookie]) — unpredictable to anyone
 * without the secret, different for every exchange. EVENT_REINIT_SECRET replaces the secret every
 * {@link #REINIT_DELAY}; here the replacement happens when the first cookie or status after that
 * moment asks, which nobody can tell from a timer (nothing else depends on the secret).
 * The secret never leaves this class.
 */
final class CookieSecret {
    /** pluto's EVENT_REINIT_SECRET_DELAY. */
    static final Duration REINIT_DELAY = Duration.ofSeconds(3600);
    private static final int SECRET_BYTES = 32;

    private final Rng rng;
    private Bytes secret;
    private long counter;
    private MonoTime reinitAt;

    CookieSecret(Rng rng) {
        this.rng = rng;
    }

    /** A fresh non-zero 8-byte cookie for an exchange with {@code peer}; {@code icookie} is null for ours. */
    Bytes cookie(MonoTime now, IpAddress peer, Bytes icookie) {
        refresh(now);
        while (true) {
            counter++;
            Bytes h = icookie == null
                    ? HashAlgorithm.SHA1.hash(secret, Bytes.u32(counter & 0xffff_ffffL), peer.bytes())
                    : HashAlgorithm.SHA1.hash(secret, Bytes.u32(counter & 0xffff_ffffL), peer.bytes(), icookie);
            Bytes c = h.slice(0, 8);
            if (!c.isAllZero()) {
                return c;
            }
        }
    }

    /** When EVENT_REINIT_SECRET next replaces the secret (for status). */
    MonoTime nextReinit(MonoTime now) {
        refresh(now);
        return reinitAt;
    }

    private void refresh(MonoTime now) {
        if (secret == null) {
            secret = rng.bytes(SECRET_BYTES);
            reinitAt = now.plus(REINIT_DELAY);
        }
        if (!now.isBefore(reinitAt)) {
            long periods = reinitAt.until(now).toMillis() / REINIT_DELAY.toMillis() + 1;
            secret = rng.bytes(SECRET_BYTES);
            reinitAt = reinitAt.plus(REINIT_DELAY.multipliedBy(periods));
        }
    }
}
