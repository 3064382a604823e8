package org.jswan.klips.pfkey;

import java.util.Objects;
import java.util.Optional;

/**
 * A PF_KEY message is malformed, or a request cannot be carried out; {@link #errno()} is what a
 * kernel PF_KEY socket would answer with ({@code EINVAL} for a bad structure, {@code EMSGSIZE}
 * for a length that does not match the bytes, ...). When the base header could still be read,
 * {@link #header()} has it, so that the answer can be an error reply with the request's
 * {@code seq} and {@code pid} (as Linux answers a message whose extensions are bad); without it the
 * sender's {@code write(2)} fails with the errno.
 */
public final class PfKeyException extends Exception {
    private final Errno errno;
    private final transient SadbMsg header;

    public PfKeyException(Errno errno, String message) {
        this(errno, message, null);
    }

    private PfKeyException(Errno errno, String message, SadbMsg header) {
        super(Objects.requireNonNull(errno, "errno").name() + ": " + message);
        this.errno = errno;
        this.header = header;
    }

    public Errno errno() {
        return errno;
    }

    /** The header of the message that failed, if it was readable. */
    public Optional<SadbMsg> header() {
        return Optional.ofNullable(header);
    }

    /** The same fault, about the message with this header. */
    PfKeyException about(SadbMsg h) {
        String detail = getMessage().substring(errno.name().length() + 2);
        PfKeyException e = new PfKeyException(errno, h.type().sadbName() + ": " + detail, h);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
