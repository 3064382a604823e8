package org.jswan.ike.whack;

/**
 * Reply codes of pluto's whack lines ({@code enum rc_type}, reference §1.6): every line is
 * {@code "%03d "} + text. Progress lines use {@link #NEW_STATE} + the state's number; a failed
 * transition uses {@link #NOTIFICATION} + the notification number.
 */
public enum Rc {
    COMMENT(0),
    WHACK_PROBLEM(1),
    LOG(2),
    LOG_SERIOUS(3),
    SUCCESS(4),
    RETRANSMISSION(10),
    DUPNAME(20),
    UNKNOWN_NAME(21),
    ORIENT(22),
    CLASH(23),
    DEAF(24),
    ROUTE(25),
    RTBUSY(26),
    BADID(27),
    NOKEY(28),
    NOPEERIP(29),
    BADWHACKMESSAGE(30),
    NORETRANSMISSION(31),
    INTERNALERR(32),
    OPPOFAILURE(33),
    ENTERSECRET(40),
    XAUTHPROMPT(41),
    NEW_STATE(100),
    NOTIFICATION(200);

    private final int code;

    Rc(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The line pluto writes to whack: {@code "%03d text"}. */
    public static String line(int rc, String text) {
        return String.format("%03d %s", rc, text);
    }

    /**
     * whack's exit status rule (pluto(8) EXIT STATUS): the numeric prefix of the last line that
     * was neither a comment (0) nor a log copy (2); success (4) counts as 0.
     */
    public static int exitStatusAfter(int previousStatus, int lineRc) {
        if (lineRc == COMMENT.code || lineRc == LOG.code) {
            return previousStatus;
        }
        return lineRc == SUCCESS.code ? 0 : lineRc;
    }
}
