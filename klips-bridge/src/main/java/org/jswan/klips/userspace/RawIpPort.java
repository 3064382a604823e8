package org.jswan.klips.userspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/**
 * The wire as the userspace KLIPS sees it, without kernel ESP: raw IPv4 sockets through jnr.
 * One {@code socket(AF_INET, SOCK_RAW, p)} per received protocol (ESP 50, AH 51, IPComp 108)
 * delivers whole IPv4 packets addressed to this host (the kernel has reassembled them, and with
 * no ESP of its own it leaves them to us); one {@code IPPROTO_RAW} socket (header included) sends
 * the packets whose IPv4 header the datapath built, optionally bound to the physical interface
 * ({@code SO_BINDTODEVICE}, as KLIPS's {@code ipsec0} was attached to {@code eth0}) so that a
 * {@code %pass} packet is not routed back into {@code ipsec0}.
 */
final class RawIpPort implements PacketPort {
    private static final int MAX = 65535;
    private static final int BUFFER = 1 << 20;

    private final int[] recvFds;
    private final int sendFd;
    private final FdPoller poller;
    private final Pointer readBuf = Native.allocate(MAX);
    private final Pointer writeBuf = Native.allocate(MAX);
    private final Pointer sockaddr = Native.allocate(16);
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private int last;
    private volatile boolean closed;

    private RawIpPort(int[] recvFds, int sendFd) throws IOException {
        this.recvFds = recvFds;
        this.sendFd = sendFd;
        this.poller = new FdPoller(recvFds);
    }

    /**
     * @param protocols the IP protocols to receive
     * @param device    the interface outgoing packets are bound to, or null
     */
    static RawIpPort open(int[] protocols, String device) throws IOException {
        LibC c = Native.libc();
        int[] fds = new int[protocols.length];
        int made = 0;
        int send = -1;
        try {
            for (int p : protocols) {
                int fd = c.socket(Native.AF_INET, Native.SOCK_RAW | Native.SOCK_CLOEXEC, p);
                if (fd < 0) {
                    throw Native.failure("socket(AF_INET, SOCK_RAW, " + p + ")");
                }
                fds[made++] = fd;
                setInt(fd, Native.SO_RCVBUF, BUFFER);
            }
            send = c.socket(Native.AF_INET, Native.SOCK_RAW | Native.SOCK_CLOEXEC, Native.IPPROTO_RAW);
            if (send < 0) {
                throw Native.failure("socket(AF_INET, SOCK_RAW, IPPROTO_RAW)");
            }
            setInt(send, Native.SO_SNDBUF, BUFFER);
            if (device != null) {
                byte[] d = (device + "\0").getBytes(StandardCharsets.US_ASCII);
                Pointer v = Native.allocate(d.length);
                v.put(0, d, 0, d.length);
                if (c.setsockopt(send, Native.SOL_SOCKET, Native.SO_BINDTODEVICE, v, d.length) < 0) {
                    throw Native.failure("SO_BINDTODEVICE " + device);
                }
            }
            return new RawIpPort(fds, send);
        } catch (IOException e) {
            for (int i = 0; i < made; i++) {
                c.close(fds[i]);
            }
            if (send >= 0) {
                c.close(send);
            }
            throw e;
        }
    }

    private static void setInt(int fd, int option, int value) {
        Pointer v = Native.allocate(4);
        v.putInt(0, value);
        Native.libc().setsockopt(fd, Native.SOL_SOCKET, option, v, 4);
    }

    @Override
    public int receive(byte[] buf, int timeoutMillis) throws IOException {
        synchronized (readLock) {
            if (closed) {
                return -1;
            }
            int r = poller.await(timeoutMillis, last);
            if (r == -2 || closed) {
                return -1;
            }
            if (r < 0) {
                return 0;
            }
            last = r;
            long n = Native.libc().recv(recvFds[r], readBuf, Math.min(MAX, buf.length), Native.MSG_DONTWAIT);
            if (n < 0) {
                int e = Native.errno();
                if (e == Native.EAGAIN || e == Native.EINTR) {
                    return 0;
                }
                throw Native.failure("recv");
            }
            readBuf.get(0, buf, 0, (int) n);
            return (int) n;
        }
    }

    /** Sends an IPv4 packet, header included, to the destination in its header. */
    @Override
    public void send(byte[] packet, int off, int len) throws IOException {
        if (len < 20 || len > MAX) {
            throw new IOException("not an IPv4 packet: " + len + " bytes");
        }
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("raw sockets are closed");
            }
            writeBuf.put(0, packet, off, len);
            // struct sockaddr_in: family (host order), port 0, address, zero padding
            sockaddr.putShort(0, (short) Native.AF_INET);
            sockaddr.putShort(2, (short) 0);
            sockaddr.put(4, packet, off + 16, 4);
            sockaddr.putLong(8, 0);
            long n = Native.libc().sendto(sendFd, writeBuf, len, 0, sockaddr, 16);
            if (n < 0) {
                throw Native.failure("sendto");
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
                for (int fd : recvFds) {
                    Native.libc().close(fd);
                }
                Native.libc().close(sendFd);
                poller.close();
            }
        }
    }

    @Override
    public String toString() {
        return "raw IPv4 sockets";
    }
}
