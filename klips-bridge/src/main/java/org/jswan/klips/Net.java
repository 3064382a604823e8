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

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
