package org.jswan.klips;

/** The kernel (or its stand-in) refused or failed a request; the message is fit for pluto's log. */
public final class KernelException extends Exception {
    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
