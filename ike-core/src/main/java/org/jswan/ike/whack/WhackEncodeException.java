package org.jswan.ike.whack;

/**
 * A {@link WhackMessage} that cannot be put on the wire. The one a user can provoke is whack's
 * {@code too many bytes of strings to fit in message to pluto}; the others (a NUL inside a
 * string, a port outside 16 bits) mean the caller built a message whack would never build.
 */
public final class WhackEncodeException extends IllegalArgumentException {
    public WhackEncodeException(String whackText) {
        super(whackText);
    }
}
