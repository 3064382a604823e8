package org.jswan.pluto;

/**
 * pluto cannot start as asked: the message goes to stderr and the process exits with
 * {@link #status()} (1 for a bad command line, 2 for an {@code --optionsfrom} failure).
 */
final class UsageException extends Exception {
    private final int status;

    UsageException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
