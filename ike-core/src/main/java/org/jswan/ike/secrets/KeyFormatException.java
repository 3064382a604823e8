package org.jswan.ike.secrets;

/** An RSA key (public key blob, its text form) is malformed. The message never contains key data. */
public final class KeyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String problem) {
        super(problem);
    }
}
