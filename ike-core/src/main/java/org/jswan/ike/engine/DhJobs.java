package org.jswan.ike.engine;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.DhPrivate;

/**
 * The Diffie-Hellman crypto jobs of Main Mode and PFS: pure functions of their captured inputs,
 * run off the loop thread. A public value the group refuses comes back as the exception itself
 * (the range check has run before scheduling, so this is a second line of defence).
 */
final class DhJobs {
    private DhJobs() {
    }

    /** A responder's result: its own public value and the shared secret. */
    record Both(Bytes ourPublic, Secret shared) {
    }

    /** g^xy only (the initiator, whose g^x went out earlier): a {@link Secret} or the exception. */
    static Effect.CryptoTask shared(DhGroup g, DhPrivate x, Bytes peer) {
        return () -> {
            try {
                return g.sharedSecret(x, peer);
            } catch (Exception e) {
                return e;
            }
        };
    }

    /** g^xy, then our g^x (the responder): {@link Both} or the exception. */
    static Effect.CryptoTask both(DhGroup g, DhPrivate x, Bytes peer) {
        return () -> {
            try {
                Secret shared = g.sharedSecret(x, peer);
                return new Both(g.publicValue(x), shared);
            } catch (Exception e) {
                return e;
            }
        };
    }

    /** The INVALID_KEY_INFORMATION step for a job that did not return what it should. */
    static Step failed(Object result) {
        return Step.fail(org.jswan.ike.wire.NotifyType.INVALID_KEY_INFORMATION, "invalid KE payload: "
                + (result instanceof Throwable t ? t.getMessage() : String.valueOf(result)));
    }
}
