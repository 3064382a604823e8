package org.jswan.klips.userspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/**
 * The TUN device {@code ipsecN}: {@code open("/dev/net/tun")} and
 * {@code ioctl(TUNSETIFF, IFF_TUN | IFF_NO_PI)} through jnr, then read(2)/write(2) of bare IP
 * packets on that fd. Packets never pass through a shell or a copy of the fd: opening
 * {@code /proc/self/fd/N} again would give a fresh, unattached TUN file.
 */
final class TunDevice implements PacketPort {
    private static final int MAX = 65535;

    private final String name;
    private final int fd;
    private final FdPoller poller;
    private final Pointer readBuf = Native.allocate(MAX);
    private final Pointer writeBuf = Native.allocate(MAX);
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile boolean closed;

    private TunDevice(String name, int fd) throws IOException {
        this.name = name;
        this.fd = fd;
        this.poller = new FdPoller(fd);
    }

    /** Creates (or attaches to) TUN interface {@code name}; needs CAP_NET_ADMIN. */
    static TunDevice open(String name) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= Native.IFNAMSIZ) {
            throw new IOException("interface name \"" + name + "\" must have 1 to 15 characters");
        }
        LibC c = Native.libc();
        int fd = c.open("/dev/net/tun", Native.O_RDWR | Native.O_CLOEXEC);
        if (fd < 0) {
            throw Native.failure("open /dev/net/tun");
        }
        Pointer ifr = Native.allocate(Native.IFREQ_SIZE);
        ifr.put(0, n, 0, n.length);
        ifr.putShort(Native.IFNAMSIZ, (short) (Native.IFF_TUN | Native.IFF_NO_PI));
        if (c.ioctl(fd, Native.TUNSETIFF, ifr) < 0) {
            IOException e = Native.failure("ioctl TUNSETIFF " + name);
            c.close(fd);
            throw e;
        }
        byte[] got = new byte[Native.IFNAMSIZ];
        ifr.get(0, got, 0, got.length);
        int len = 0;
        while (len < got.length && got[len] != 0) {
            len++;
        }
        return new TunDevice(new String(got, 0, len, StandardCharsets.US_ASCII), fd);
    }

    String name() {
        return name;
    }

    @Override
    public int receive(byte[] buf, int timeoutMillis) throws IOException {
        synchronized (readLock) {
            if (closed) {
                return -1;
            }
            int r = poller.await(timeoutMillis, 0);
            if (r == -2 || closed) {
                return -1;
            }
            if (r < 0) {
                return 0;
            }
            long n = Native.libc().read(fd, readBuf, Math.min(MAX, buf.length));
            if (n < 0) {
                if (Native.errno() == Native.EAGAIN || Native.errno() == Native.EINTR) {
                    return 0;
                }
                throw Native.failure("read " + name);
            }
            readBuf.get(0, buf, 0, (int) n);
            return (int) n;
        }
    }

    @Override
    public void send(byte[] packet, int off, int len) throws IOException {
        if (len > MAX) {
            throw new IOException("packet of " + len + " bytes");
        }
        synchronized (writeLock) {
            if (closed) {
                throw new IOException(name + " is closed");
            }
            writeBuf.put(0, packet, off, len);
            long n = Native.libc().write(fd, writeBuf, len);
            if (n < 0) {
                throw Native.failure("write " + name);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        poller.wake();
        synchronized (readLock) {
            synchronized (writeLock) {
                Native.libc().close(fd);
                poller.close();
            }
        }
    }

    @Override
    public String toString() {
        return "tun " + name;
    }
}
