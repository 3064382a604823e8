package org.jswan.ike.wire;

import java.util.Objects;

/**
 * A received message (or one of its payloads) does not decode. It names the notification pluto
 * would send for it ({@link #notifyType()}) and says in words what is wrong ({@link #detail()}, also
 * the exception message). The engine decides, in one place, whether to log, reply or drop.
 *
 * <p>It carries no stack trace: malformed packets are routine input from the network, and
 * building traces for a flood of them would be wasted work.
 *
 * <p>The codec never lets an {@code IndexOutOfBoundsException}, {@code IllegalArgumentException}
 * or {@code NullPointerException} escape for bad input: every malformed input ends up here.
 */
public final class MalformedMessageException extends Exception {
    private final NotifyType notify;
    private final String detail;

    public MalformedMessageException(NotifyType notify, String detail) {
        super(detail, null, false, false);
        this.notify = Objects.requireNonNull(notify, "notify");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /**
     * The notification that names the fault on the wire (e.g. {@code PAYLOAD_MALFORMED}).
     *
     * <p>Contract deviation: the API sketch called this {@code notify()}, which cannot be
     * declared, since {@code Object.notify()} is final.
     */
    public NotifyType notifyType() {
        return notify;
    }

    /** What is wrong, for a pluto log line (never contains secrets; bounded in length). */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "MalformedMessageException(" + notify + "): " + detail;
    }
}
