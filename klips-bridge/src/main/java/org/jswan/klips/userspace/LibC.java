package org.jswan.klips.userspace;

import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The few libc calls the userspace KLIPS makes through jnr-ffi: the TUN device, raw IP sockets,
 * poll(2) and an eventfd to wake a poller. Linux, x86-64 and aarch64 (the constants in
 * {@link Native} are the generic Linux ones).
 */
public interface LibC {
    int open(String path, int flags);

    int close(int fd);

    /** ioctl(2) is variadic; its third argument here is always a pointer. */
    int ioctl(int fd, @u_int64_t long request, Pointer arg);

    @ssize_t long read(int fd, Pointer buf, @size_t long count);

    @ssize_t long write(int fd, Pointer buf, @size_t long count);

    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int name, Pointer value, int length);

    @ssize_t long sendto(int fd, Pointer buf, @size_t long length, int flags, Pointer addr, int addrLength);

    @ssize_t long recv(int fd, Pointer buf, @size_t long length, int flags);

    int poll(Pointer fds, @u_int64_t long count, int timeoutMillis);

    int eventfd(int initial, int flags);

    String strerror(int errno);
}
