package org.jswan.klips;

import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The backend for {@code --noklips}: negotiated SAs are not installed anywhere. Each call only
 * reports, through {@code trace}, what a real kernel would have been asked to do. SPIs are
 * chosen by a counter, so they are unique within one pluto and never below {@code min}.
 */
public final class NoKernel implements Kernel {
    private final Consumer<String> trace;
    private long nextSpi;

    /** @param trace receives one line per call, e.g. {@code "none: would add esp.1234@192.0.2.1 ..."} */
    public NoKernel(Consumer<String> trace) {
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public long getSpi(SaProto proto, InetAddress src, InetAddress dst, long min, long max) throws KernelException {
        if (min > max || min < 0 || max > 0xffff_ffffL) {
            throw new KernelException("getspi: bad SPI range 0x" + Long.toHexString(min) + "-0x"
                    + Long.toHexString(max));
        }
        long span = max - min + 1;
        long spi = min + Math.floorMod(nextSpi++, span);
        trace.accept("none: getspi " + proto.prefix() + " from " + src.getHostAddress() + " to "
                + dst.getHostAddress() + " -> 0x" + Long.toHexString(spi));
        return spi;
    }

    @Override
    public void addSa(SaParams sa) {
        trace.accept("none: would add " + sa);
    }

    @Override
    public void deleteSa(SaRef sa) {
        trace.accept("none: would delete " + sa);
    }

    @Override
    public void groupSas(SaRef inner, SaRef outer) {
        trace.accept("none: would group " + inner + " with " + outer);
    }

    @Override
    public void eroute(Eroute eroute) {
        trace.accept("none: would " + eroute);
    }

    @Override
    public void route(Route route) {
        trace.accept("none: would " + route);
    }

    @Override
    public void espInUdp(InetAddress src, int srcPort, InetAddress dst, int dstPort, byte[] packet) {
        trace.accept("none: dropping ESP-in-UDP packet of " + packet.length + " bytes from " + src.getHostAddress()
                + ":" + srcPort + " (no kernel to decapsulate it)");
    }

    @Override
    public void close() {
        trace.accept("none: closed");
    }
}
