package org.jswan.klips.pfkey;

import java.util.Optional;

/**
 * The errno values a PF_KEY socket puts in {@code sadb_msg_errno} (and returns from
 * {@code write(2)}), numbered as on Linux.
 */
public enum Errno {
    EPERM(1),
    ENOENT(2),
    ESRCH(3),
    EINTR(4),
    EIO(5),
    ENOMEM(12),
    EACCES(13),
    EFAULT(14),
    EBUSY(16),
    EEXIST(17),
    EINVAL(22),
    ENOSPC(28),
    ERANGE(34),
    EMSGSIZE(90),
    EPROTONOSUPPORT(93),
    EOPNOTSUPP(95),
    EAFNOSUPPORT(97),
    ENOBUFS(105);

    private final int value;

    Errno(int value) {
        this.value = value;
    }

    public int value() {
        return value;
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
