package org.jswan.klips.userspace;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.jswan.klips.AcquireListener;
import org.jswan.klips.KernelException;
import org.jswan.klips.Route;
import org.jswan.klips.SaCounters;
import org.jswan.klips.SaRef;
import org.jswan.klips.UdpSender;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.pfkey.PfKeyKernel;
import org.jswan.klips.pfkey.PfKeySocket;

/**
 * KLIPS in userspace, for a kernel without ESP or PF_KEY. Packets the stack routes into the TUN
 * device {@code ipsec0} are matched to eroutes and encapsulated; ESP/AH/IPComp arrive on raw IP
 * sockets, ESP-in-UDP through pluto's NAT-T socket ({@link #espInUdp}); decapsulated packets go
 * back into {@code ipsec0}.
 *
 * <p>pluto drives it as it drove KLIPS, through PF_KEY: {@link #openPfKey()} is a socket to it,
 * over which a {@link org.jswan.klips.pfkey.PfKeyKernel} sends {@code SADB_*} messages, and
 * {@code %trap} ACQUIREs come back as {@code SADB_ACQUIRE}. What KLIPS offered outside PF_KEY is
 * read or done directly ({@link PfKeyKernel.Direct}): routes, ESP-in-UDP, the counters and the
 * {@code /proc/net/ipsec_spi}- and {@code ipsec_eroute}-like listings.
 *
 * <p>Two daemon threads read the devices: {@code klips-out} (TUN: outbound, and the hold
 * queue's timeouts) and {@code klips-in} (raw sockets). PF_KEY requests are carried out on the
 * writer's thread. Needs CAP_NET_ADMIN and CAP_NET_RAW (root).
 */
public final class UserspaceKlips implements PfKeyKernel.Direct {
    private static final int POLL_MILLIS = 200;

    private final Datapath datapath;
    private final KlipsPfKey pfkey;
    private final PacketPort tun;
    private final PacketPort wire;
    private final LinkConfig link;
    private final Consumer<String> log;
    private final LongSupplier clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * A KLIPS on the given devices (tests give memory ones). Nothing runs until {@link #start()}.
     */
    UserspaceKlips(KlipsOptions options, PacketPort tun, PacketPort wire, UdpSender udp, Consumer<String> log,
                   LongSupplier clock, RandomGenerator rng, LinkConfig link) {
        AcquireListener toPfKey = this::acquired;
        this.datapath = new Datapath(options, tun, wire, udp, toPfKey, log, clock, rng);
        this.pfkey = new KlipsPfKey(datapath, log);
        this.tun = tun;
        this.wire = wire;
        this.link = Objects.requireNonNull(link, "link");
        this.log = log;
        this.clock = clock;
    }

    /**
     * Opens {@code /dev/net/tun} as {@code options.interfaceName()}, brings it up with its MTU,
     * opens the raw sockets for ESP, AH and IPComp, and starts the datapath threads.
     *
     * @param udp      sends ESP-in-UDP through pluto's NAT-T socket
     * @param log      one line per SA, eroute or route change, per refused PF_KEY request (and per
     *                 dropped packet with debug)
     */
    public static UserspaceKlips open(KlipsOptions options, UdpSender udp, Consumer<String> log)
            throws KernelException {
        TunDevice tun;
        try {
            tun = TunDevice.open(options.interfaceName());
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new KernelException("cannot create " + options.interfaceName() + ": " + e.getMessage(), e);
        }
        RawIpPort wire;
        try {
            wire = RawIpPort.open(new int[] {Ipv4.PROTO_ESP, Ipv4.PROTO_AH, Ipv4.PROTO_IPCOMP},
                    options.physicalInterface());
        } catch (IOException e) {
            tun.close();
            throw new KernelException("cannot open raw IP sockets: " + e.getMessage(), e);
        }
        LinkConfig link = new LinkConfig();
        try {
            link.up(tun.name(), options.mtu());
        } catch (KernelException e) {
            tun.close();
            wire.close();
            throw e;
        }
        UserspaceKlips k = new UserspaceKlips(options.withInterfaceName(tun.name()), tun, wire, udp, log,
                System::nanoTime, new SecureRandom(), link);
        k.datapath.localAddresses(UserspaceKlips::isLocalAddress);
        k.start();
        log.accept("klips: " + tun.name() + " up, mtu " + options.mtu()
                + (options.physicalInterface() != null ? ", attached to " + options.physicalInterface() : ""));
        return k;
    }

    /** A {@code %trap} caught a packet: ACQUIRE on the PF_KEY sockets. */
    private void acquired(org.jswan.klips.Acquire a) {
        pfkey.acquire(a);
    }

    /**
     * A new PF_KEY socket to this KLIPS: what {@code socket(PF_KEY, SOCK_RAW, PF_KEY_V2)} was to
     * the kernel one. It gets ACQUIREs once it has registered for ESP.
     */
    public PfKeySocket openPfKey() {
        return pfkey.open();
    }

    /** Starts the two reader threads. */
    void start() {
        threads.add(reader("klips-out", tun, true));
        threads.add(reader("klips-in", wire, false));
        for (Thread t : threads) {
            t.start();
        }
    }

    private Thread reader(String name, PacketPort port, boolean outbound) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65535];
            long lastTick = clock.getAsLong();
            while (!closed) {
                int n;
                try {
                    n = port.receive(buf, POLL_MILLIS);
                } catch (IOException e) {
                    if (!closed) {
                        log.accept("klips: " + port + ": " + e.getMessage());
                    }
                    n = 0;
                    sleepQuietly();
                }
                if (n < 0) {
                    break;
                }
                try {
                    if (n > 0) {
                        byte[] p = java.util.Arrays.copyOf(buf, n);
                        if (outbound) {
                            datapath.outbound(p);
                        } else {
                            datapath.inboundWire(p);
                        }
                    }
                    long now = clock.getAsLong();
                    if (outbound && now - lastTick >= POLL_MILLIS * 1_000_000L) {
                        lastTick = now;
                        datapath.tick();
                    }
                } catch (RuntimeException e) {
                    log.accept("klips: " + name + ": " + e);
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds or deletes the route itself when {@link KlipsOptions#manageRoutes()}; else leaves it to updown. */
    @Override
    public void route(Route route) throws KernelException {
        String iface = datapath.options.interfaceName();
        if (!datapath.options.manageRoutes()) {
            log.accept("klips: " + route + " left to updown");
            return;
        }
        if (route.op() == Route.Op.ROUTE) {
            link.route(route.peerClient().toString(), iface);
        } else {
            link.unroute(route.peerClient().toString(), iface);
        }
        log.accept("klips: " + route.op().name().toLowerCase() + "d " + route.peerClient() + " via " + iface);
    }

    @Override
    public void espInUdp(InetAddress src, int srcPort, InetAddress dst, int dstPort, byte[] packet) {
        datapath.inboundUdp(src, dst, packet);
    }

    /** Read directly, as KLIPS's {@code /proc/net/ipsec_spi}. */
    @Override
    public Optional<SaCounters> counters(SaRef sa) {
        SaEntry e = datapath.sadb.get(sa);
        return e == null ? Optional.empty() : Optional.of(e.counters(clock.getAsLong()));
    }

    /** The datapath's counters. */
    public KlipsStats stats() {
        return datapath.stats;
    }

    /** The eroute table as KLIPS's {@code /proc/net/ipsec_eroute} listed it: packets, flow, target. */
    public List<String> eroutes() {
        List<String> out = new ArrayList<>();
        for (ErouteTable.Entry e : datapath.eroutes.entries()) {
            out.add(String.format("%-10d %-18s -> %-18s => %s", e.packets.get(), e.src, e.dst, e.target));
        }
        return out;
    }

    /** The SADB, one line per SA with its group, algorithms and counters. */
    public List<String> spis() {
        List<String> out = new ArrayList<>();
        long now = clock.getAsLong();
        for (SaEntry e : datapath.sadb.all()) {
            SaCounters c = e.counters(now);
            out.add(e.ref + " " + e.algorithms + ": dir=" + (e.params.inbound() ? "in" : "out") + " src="
                    + e.ref.src().getHostAddress() + (e.params.tunnel() ? " tunnel" : "")
                    + (e.params.udpEncapsulated() ? " natencap=" + e.params.natSrcPort() + "->"
                    + e.params.natDstPort() : "")
                    + (e.outer != null ? " next=" + e.outer.ref : "") + " packets=" + c.packets() + " bytes="
                    + c.bytes() + " dropped=" + c.dropped()
                    + c.idle().map(d -> " idle=" + d.toSeconds() + "s").orElse(""));
        }
        out.sort(null);
        return out;
    }

    /** One of this host's (this namespace's) addresses? Asked only for IKE that matches no eroute. */
    private static boolean isLocalAddress(byte[] address) {
        try {
            return java.net.NetworkInterface.getByInetAddress(InetAddress.getByAddress(address)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tun.close();
        wire.close();
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        datapath.close();
        log.accept("klips: closed");
    }
}
