package org.jswan.ike.engine;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Rng;

/**
 * SPI and CPI choice (reference §7.3): a random start, then sequential; never below 0x1000
 * (0..0xFF belong to IANA, 0x100..0xFFF are left for manual keying, pluto(8) Notes). CPIs for
 * IPCOMP stay in 256..61439.
 */
final class IpsecSpis {
    private static final long SPI_MIN = 0x1000;
    private static final int CPI_FIRST = 256;
    private static final int CPI_LAST = 61439;
    private final Rng rng;
    private long spi;
    private int cpi;
    private long tunnelSpi = 0x1000;

    IpsecSpis(Rng rng) {
        this.rng = rng;
    }

    long nextSpi() {
        spi = (spi + 1) & 0xffffffffL;
        while (spi < SPI_MIN) {
            spi = Long.parseUnsignedLong(rng.bytes(4).toHex(), 16);
        }
        return spi;
    }

    /** KLIPS's IPIP "tunnel SPI" (reference §7.3): a counter from 0x1001, never on the wire. */
    long nextTunnelSpi() {
        tunnelSpi = tunnelSpi >= 0xffff_ffffL ? 0x1001 : tunnelSpi + 1;
        return tunnelSpi;
    }

    int nextCpi() {
        if (cpi < CPI_FIRST || cpi >= CPI_LAST) {
            cpi = CPI_FIRST + (int) rng.nextLong(CPI_LAST - CPI_FIRST);
        } else {
            cpi++;
        }
        return cpi;
    }

    static Bytes spiBytes(long spi) {
        return Bytes.u32(spi);
    }
}
