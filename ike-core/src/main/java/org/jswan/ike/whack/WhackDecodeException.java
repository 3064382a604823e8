package org.jswan.ike.whack;

/**
 * A whack message pluto must ignore. The message is the text pluto logs and sends back with
 * {@link Rc#BADWHACKMESSAGE} before it closes the socket, e.g.
 * {@code ignoring runt message from whack: got 3 bytes}.
 */
public final class WhackDecodeException extends Exception {
    public WhackDecodeException(String plutoText) {
        super(plutoText);
    }

    /** The reply code pluto uses for this failure: 30. */
    public Rc rc() {
        return Rc.BADWHACKMESSAGE;
    }
}
