package org.jswan.ike.conn;

/**
 * An identity could not be parsed from text ({@code --id}, an ipsec.secrets index) or decoded from
 * an ID payload. The message is ready for pluto's {@code 027 bad --id: <message>} line.
 */
public final class IdParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public IdParseException(String message) {
        super(message);
    }
}
