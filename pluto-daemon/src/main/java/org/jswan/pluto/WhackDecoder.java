package org.jswan.pluto;

import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackDecodeException;
import org.jswan.ike.whack.WhackLayout;
import org.jswan.ike.whack.WhackMessage;

/**
 * Turns the bytes a whack client sent into a {@link WhackMessage}. Production uses
 * {@link #codec()}, the one codec in ike-core; tests may pass another.
 */
@FunctionalInterface
interface WhackDecoder {
    /**
     * {@code sizeof(struct whack_message)}: the fixed part and its 2048 bytes of strings. pluto's
     * one {@code read()} never took more; a client that sends more has the rest discarded.
     */
    int MAX_REQUEST = WhackLayout.SIZE;

    /** @throws Undecodable with the codec's own words ("ignoring runt message from whack: ...") */
    WhackMessage decode(byte[] buf, int n) throws Undecodable;

    /** The request could not be decoded; {@link #getMessage()} says why, fit for RC 30. */
    final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message);
        }
    }

    /** {@link WhackCodec#decode(byte[], int)}. */
    static WhackDecoder codec() {
        return (buf, n) -> {
            try {
                return WhackCodec.decode(buf, n);
            } catch (WhackDecodeException e) {
                throw new Undecodable(e.getMessage());
            }
        };
    }
}
