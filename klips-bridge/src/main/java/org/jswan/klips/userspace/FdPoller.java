package org.jswan.klips.userspace;

import java.io.IOException;
import jnr.ffi.Pointer;

/**
 * poll(2) over a few file descriptors plus an eventfd that {@link #wake()} signals, so that
 * closing a device never leaves a reader blocked in read(2) (closing an fd does not wake one).
 * One thread polls; any thread may wake.
 */
final class FdPoller implements AutoCloseable {
    private static final int POLLFD_SIZE = 8;

    private final int[] fds;
    private final int wakeFd;
    private final Pointer pollfds;
    private final Pointer one = Native.allocate(8);

    FdPoller(int... fds) throws IOException {
        this.fds = fds.clone();
        this.wakeFd = Native.libc().eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);
        if (wakeFd < 0) {
            throw Native.failure("eventfd");
        }
        pollfds = Native.allocate(POLLFD_SIZE * (fds.length + 1));
    }

    /**
     * Waits for one of the fds to become readable.
     *
     * @return the index of a readable fd (the first after {@code after}, round robin), -1 on
     *         timeout or EINTR, -2 when woken
     */
    int await(int timeoutMillis, int after) throws IOException {
        int n = fds.length;
        for (int i = 0; i <= n; i++) {
            int fd = i < n ? fds[i] : wakeFd;
            pollfds.putInt(i * POLLFD_SIZE, fd);
            pollfds.putShort(i * POLLFD_SIZE + 4, Native.POLLIN);
            pollfds.putShort(i * POLLFD_SIZE + 6, (short) 0);
        }
        int r = Native.libc().poll(pollfds, n + 1, timeoutMillis);
        if (r < 0) {
            if (Native.errno() == Native.EINTR) {
                return -1;
            }
            throw Native.failure("poll");
        }
        if (r == 0) {
            return -1;
        }
        if (pollfds.getShort(n * POLLFD_SIZE + 6) != 0) {
            return -2;
        }
        for (int k = 1; k <= n; k++) {
            int i = (after + k) % n;
            short revents = pollfds.getShort(i * POLLFD_SIZE + 6);
            if (revents != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Makes the current and every later {@link #await} return -2. */
    void wake() {
        one.putLong(0, 1);
        Native.libc().write(wakeFd, one, 8);
    }

    @Override
    public void close() {
        Native.libc().close(wakeFd);
    }
}
