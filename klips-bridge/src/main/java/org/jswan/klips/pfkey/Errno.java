package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * The errno values a PF_KEY socket puts in {@code sadb_msg_errno} (and returns from
 * {@code write(2)}), numbered as on Linux.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EINVAL(22, "Invalid argument"),
    ENOSPC(28, "No space left on device"),
    ERANGE(34, "Numerical result out of range"),
    EMSGSIZE(90, "Message too long"),
    EPROTONOSUPPORT(93, "Protocol not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    ENOBUFS(105, "No buffer space available");

    private final int value;
    private final String text;

    Errno(int value, String text) {
        this.value = value;
        this.text = text;
    }

    public int value() {
        return value;
    }

    /** What {@code strerror(3)} says for it on Linux: {@code File exists}. */
    public String text() {
        return text;
    }

    /** {@code EEXIST (File exists)}. */
    public String describe() {
        return name() + " (" + text + ")";
    }

    public static Optional<Errno> of(int value) {
        for (Errno e : values()) {
            if (e.value == value) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
