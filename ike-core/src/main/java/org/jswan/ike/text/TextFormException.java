package org.jswan.ike.text;

/**
 * A text form (ttodata, ttoaddr, ttosubnet) could not be converted. The message says what is wrong
 * with the text. For data (keys, secrets) it never contains the text itself, so it may be logged.
 */
public final class TextFormException extends Exception {
    private static final long serialVersionUID = 1L;

    public TextFormException(String problem) {
        super(problem);
    }
}
