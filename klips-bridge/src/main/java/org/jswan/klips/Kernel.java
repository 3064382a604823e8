package org.jswan.klips;

/**
 * What pluto asks of IPsec in the kernel: the operations of FreeS/WAN's {@code kernel.c}, one
 * method each. Backends: {@link NoKernel} ({@code --noklips}) and
 * {@link org.jswan.klips.pfkey.PfKeyKernel}, which speaks PF_KEYv2 over a socket to a KLIPS (the
 * userspace one, {@code org.jswan.klips.userspace.UserspaceKlips}; later a kernel's AF_KEY).
 * Called from pluto's one loop thread; a backend with datapath threads of its own synchronises
 * internally.
 */
public interface Kernel extends AutoCloseable {

    /** The backend's name as pluto logs it: {@code none}, {@code klips}, ... */
    String name();

    /**
     * Chooses an SPI for a new inbound SA from {@code src} to us at {@code dst}, in
     * {@code [min, max]}. KLIPS lets pluto choose (facts §7.3); PF_KEY's {@code SADB_GETSPI} asks
     * the kernel.
     */
    long getSpi(SaProto proto, java.net.InetAddress src, java.net.InetAddress dst, long min, long max)
            throws KernelException;

    /** {@code SADB_ADD} of one SA. */
    void addSa(SaParams sa) throws KernelException;

    /** {@code SADB_DELETE} of one SA. */
    void deleteSa(SaRef sa) throws KernelException;

    /** {@code SADB_X_GRPSA}: {@code inner} is processed before {@code outer}. */
    void groupSas(SaRef inner, SaRef outer) throws KernelException;

    /** {@code SADB_X_ADDFLOW} / {@code SADB_X_DELFLOW}. */
    void eroute(Eroute eroute) throws KernelException;

    /** Route or unroute a peer client network through the IPsec interface. */
    void route(Route route) throws KernelException;

    /**
     * An ESP-in-UDP packet (RFC 3948) arrived on pluto's NAT-T socket: its first four bytes were
     * not the non-ESP marker. A KLIPS backend decapsulates it; others drop it.
     */
    void espInUdp(java.net.InetAddress src, int srcPort, java.net.InetAddress dst, int dstPort, byte[] packet);

    /**
     * What the kernel counted for SA {@code sa}: packets, bytes, drops and time since last use.
     * Empty when the backend counts nothing or has no such SA.
     */
    default java.util.Optional<SaCounters> counters(SaRef sa) {
        return java.util.Optional.empty();
    }

    /** Releases the backend's sockets or devices. */
    @Override
    void close();
}
