package org.jswan.klips;

import java.net.InetAddress;
import java.util.Objects;

/** An address prefix as the kernel sees a client network: {@code 10.0.0.0/24}. */
public record Net(InetAddress address, int prefixLength) {
    public Net {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
    }

    /** The host route {@code a/32} (or {@code /128}). */
    public static Net host(InetAddress a) {
        return new Net(a, a.getAddress().length * 8);
    }

    /** True if {@code a} (4 or 16 bytes, network order) is of the same family and inside this prefix. */
    public boolean contains(byte[] a) {
        byte[] n = address.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    public boolean contains(InetAddress a) {
        return contains(a.getAddress());
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
