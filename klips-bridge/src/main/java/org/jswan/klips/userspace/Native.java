package org.jswan.klips.userspace;

import java.io.IOException;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The libc binding, loaded once (it is immutable), and the Linux constants the devices use.
 */
final class Native {
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int AF_INET = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_RAW = 255;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 1;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    /** {@code _IOW('T', 202, int)} from linux/if_tun.h. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    static final int IFNAMSIZ = 16;
    /** {@code struct ifreq}: 16 bytes of name and a 24-byte union on 64-bit Linux. */
    static final int IFREQ_SIZE = 40;

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private Native() {
    }

    static LibC libc() {
        return Holder.LIBC;
    }

    static Runtime runtime() {
        return Holder.RUNTIME;
    }

    static Pointer allocate(int size) {
        return Memory.allocateDirect(runtime(), size, true);
    }

    static int errno() {
        return runtime().getLastError();
    }

    /** An IOException naming the call and errno's text, as the C library prints it. */
    static IOException failure(String what) {
        int e = errno();
        return new IOException(what + ": " + libc().strerror(e) + " (errno " + e + ")");
    }
}
