package org.jswan.klips.pfkey;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The {@code struct sockaddr} inside an address extension, as Linux lays it out.
 *
 * <pre>
 * sockaddr_in  (16 bytes)                 sockaddr_in6 (28 bytes)
 *  0  sin_family   u16 host  = 2 AF_INET   0  sin6_family   u16 host  = 10 AF_INET6
 *  2  sin_port     u16 network             2  sin6_port     u16 network
 *  4  sin_addr     4 bytes network         4  sin6_flowinfo u32 network
 *  8  sin_zero     8 bytes                 8  sin6_addr     16 bytes network
 *                                         24  sin6_scope_id u32 host
 * </pre>
 *
 * @param port      0 for none (KLIPS's SA and flow addresses carry none)
 * @param flowInfo  IPv6 flow information (0 for IPv4)
 * @param scopeId   IPv6 scope id (0 for IPv4)
 */
public record SockAddr(InetAddress address, int port, long flowInfo, long scopeId) {
    /** {@code AF_INET} on Linux. */
    public static final int AF_INET = 2;
    /** {@code AF_INET6} on Linux. */
    public static final int AF_INET6 = 10;
    static final int SIZE_IN = 16;
    static final int SIZE_IN6 = 28;

    public SockAddr {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        if (flowInfo < 0 || flowInfo > 0xffff_ffffL || scopeId < 0 || scopeId > 0xffff_ffffL) {
            throw new IllegalArgumentException("flow info / scope id must be 32-bit values");
        }
        if (address instanceof Inet4Address && (flowInfo != 0 || scopeId != 0)) {
            throw new IllegalArgumentException("an IPv4 sockaddr has no flow info or scope id");
        }
    }

    public static SockAddr of(InetAddress address) {
        return new SockAddr(address, 0, 0, 0);
    }

    public static SockAddr of(InetAddress address, int port) {
        return new SockAddr(address, port, 0, 0);
    }

    /** The unspecified address of {@code like}'s family: pluto's host addresses of a shunt eroute. */
    public static SockAddr any(InetAddress like) {
        return of(anyOf(like));
    }

    static InetAddress anyOf(InetAddress like) {
        try {
            return like instanceof Inet4Address ? InetAddress.getByAddress(new byte[4]) : v6(new byte[16]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public boolean isV4() {
        return address instanceof Inet4Address;
    }

    /** Address bits: 32 or 128, the upper bound of an address extension's prefix length. */
    public int bits() {
        return isV4() ? 32 : 128;
    }

    int family() {
        return isV4() ? AF_INET : AF_INET6;
    }

    int size() {
        return isV4() ? SIZE_IN : SIZE_IN6;
    }

    void write(WireWriter w) {
        w.u16(family());
        w.u16Be(port);
        if (isV4()) {
            w.bytes(address.getAddress());
            w.zeros(8);
        } else {
            w.u32Be(flowInfo);
            w.bytes(address.getAddress());
            w.u32(scopeId);
        }
    }

    /** Reads one sockaddr; an unknown family is {@code EINVAL}, as a kernel answers. */
    static SockAddr read(WireReader r) throws PfKeyException {
        int family = r.u16();
        int port = r.u16Be();
        try {
            if (family == AF_INET) {
                InetAddress a = InetAddress.getByAddress(r.bytes(4));
                r.skip(8); // sin_zero: ignored, written as zeros
                return new SockAddr(a, port, 0, 0);
            }
            if (family == AF_INET6) {
                long flow = r.u32Be();
                InetAddress a = v6(r.bytes(16));
                long scope = r.u32();
                return new SockAddr(a, port, flow, scope);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        throw new PfKeyException(Errno.EINVAL, r.what() + ": address family " + family + " is neither AF_INET nor AF_INET6");
    }

    /** Always an {@link Inet6Address}, even for {@code ::ffff:a.b.c.d}, so the family survives a round trip. */
    private static InetAddress v6(byte[] sixteen) throws UnknownHostException {
        return Inet6Address.getByAddress(null, sixteen, -1);
    }

    @Override
    public String toString() {
        String a = address.getHostAddress();
        return port == 0 ? a : (isV4() ? a : "[" + a + "]") + ":" + port;
    }
}
