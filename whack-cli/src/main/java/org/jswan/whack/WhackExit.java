package org.jswan.whack;

/**
 * whack ends here, before or instead of talking to pluto: {@code --help} and {@code --version}
 * (status 0), a usage or sanity error (status 1), an {@code --optionsfrom} failure (status 2).
 * Carries what goes to stdout and stderr; {@link Whack#run} prints it.
 */
final class WhackExit extends Exception {
    final int status;
    final String stdout;
    final String stderr;

    WhackExit(int status, String stdout, String stderr) {
        super(stderr.isEmpty() ? stdout : stderr, null, false, false);
        this.status = status;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A failure with one line on stderr. */
    static WhackExit error(int status, String line) {
        return new WhackExit(status, "", line + "\n");
    }
}
