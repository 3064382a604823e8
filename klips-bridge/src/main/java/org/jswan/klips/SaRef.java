package org.jswan.klips;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What names one SA in the kernel: protocol, SPI and destination (the source is carried because
 * PF_KEY messages include it).
 */
public record SaRef(SaProto proto, long spi, InetAddress src, InetAddress dst) {
    public SaRef {
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (spi < 0 || spi > 0xffff_ffffL) {
            throw new IllegalArgumentException("SPI " + spi + " is not a 32-bit value");
        }
    }

    /**
     * KLIPS's SA ID text, {@code esp.1234@192.0.2.1} ({@code :} instead of {@code .} for IPv6);
     * a shunt prints as its name, {@code %pass}.
     */
    @Override
    public String toString() {
        if (proto == SaProto.INT) {
            java.util.Optional<Shunt> s = Shunt.of(this);
            if (s.isPresent()) {
                return s.get().text();
            }
        }
        char sep = dst instanceof Inet4Address ? '.' : ':';
        return proto.prefix() + sep + Long.toHexString(spi) + '@' + dst.getHostAddress();
    }
}
