package org.jswan.klips.userspace;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.jswan.klips.Acquire;
import org.jswan.klips.AcquireListener;
import org.jswan.klips.Eroute;
import org.jswan.klips.KernelException;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaRef;
import org.jswan.klips.Shunt;
import org.jswan.klips.UdpSender;
import org.jswan.klips.esp.BadPacket;
import org.jswan.klips.esp.IpSelectors;
import org.jswan.klips.userspace.KlipsStats.Counter;

/**
 * The userspace KLIPS without threads or devices of its own: SADB, eroute table, hold queue and
 * the two packet paths, driven by whoever reads the TUN device and the wire. Time comes from an
 * injected monotonic clock, IVs and SPIs from an injected generator. Thread-safe: a packet path
 * may run on several threads while pluto changes SAs and eroutes.
 */
final class Datapath implements AutoCloseable {
    final KlipsOptions options;
    final Sadb sadb;
    final ErouteTable eroutes = new ErouteTable();
    final HoldQueue hold;
    final KlipsStats stats = new KlipsStats();
    final RandomGenerator rng;
    final UdpSender udp;
    private final PacketPort tun;
    private final PacketPort wire;
    private final AcquireListener acquires;
    private final Consumer<String> log;
    private final LongSupplier clock;
    private final AtomicInteger ipId;
    private final Outbound outbound = new Outbound(this);
    /** Is this one of the host's own IPv4 addresses? (For IKE that matches no eroute.) */
    private volatile java.util.function.Predicate<byte[]> localAddress = a -> false;
    private final Inbound inbound = new Inbound(this);

    Datapath(KlipsOptions options, PacketPort tun, PacketPort wire, UdpSender udp, AcquireListener acquires,
             Consumer<String> log, LongSupplier clock, RandomGenerator rng) {
        this.options = Objects.requireNonNull(options, "options");
        this.tun = Objects.requireNonNull(tun, "tun");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.udp = Objects.requireNonNull(udp, "udp");
        this.acquires = Objects.requireNonNull(acquires, "acquires");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.sadb = new Sadb(rng, options.ipcompThreshold());
        this.hold = new HoldQueue(options.holdPerFlow(), options.holdTotal());
        this.ipId = new AtomicInteger(rng.nextInt(0x10000));
    }

    long now() {
        return clock.getAsLong();
    }

    /** An IPv4 Identification for a header we build; never 0 (the kernel would replace it). */
    int nextIpId() {
        int id;
        do {
            id = ipId.incrementAndGet() & 0xffff;
        } while (id == 0);
        return id;
    }

    // ---- packets

    /** A packet the stack routed into {@code ipsec0}. */
    void outbound(byte[] packet) {
        List<Acquire> raised = new ArrayList<>(1);
        outbound.fromTun(packet, raised);
        announce(raised);
    }

    /** A packet from the raw ESP/AH/IPComp sockets. */
    void inboundWire(byte[] packet) {
        inbound.fromWire(packet);
    }

    /** ESP that pluto's NAT-T socket received. */
    void inboundUdp(InetAddress src, InetAddress dst, byte[] esp) {
        inbound.fromUdp(src, dst, esp);
    }

    /** Drops held packets whose time is up; called now and then by the TUN reader. */
    void tick() {
        long timeout = options.holdTimeout().toNanos();
        for (HoldQueue.Pending p : hold.expire(now(), timeout)) {
            if (!p.packets.isEmpty()) {
                stats.add(Counter.DROP_HOLD, p.packets.size());
            }
            if (options.debug()) {
                log.accept("klips: " + p.packets.size() + " held packet(s) timed out");
            }
        }
    }

    /** Tells the datapath which addresses are the host's own (the userspace KLIPS asks the system). */
    void localAddresses(java.util.function.Predicate<byte[]> isLocal) {
        this.localAddress = Objects.requireNonNull(isLocal, "isLocal");
    }

    boolean isLocal(byte[] address) {
        return localAddress.test(address);
    }

    void sendWire(byte[] p, int len) {
        try {
            wire.send(p, 0, len);
        } catch (IOException e) {
            drop(Counter.DROP_SEND_ERROR, null, "to the wire: " + e.getMessage());
        }
    }

    void sendTun(byte[] p, int len) {
        try {
            tun.send(p, 0, len);
        } catch (IOException e) {
            drop(Counter.DROP_SEND_ERROR, null, "to " + options.interfaceName() + ": " + e.getMessage());
        }
    }

    void drop(Counter why, SaEntry sa, String detail) {
        stats.add(why);
        if (sa != null) {
            sa.countDrop();
        }
        if (options.debug()) {
            log.accept("klips: drop (" + why.name().toLowerCase() + ") " + detail);
        }
    }

    // ---- pluto's requests

    long getSpi(org.jswan.klips.SaProto proto, InetAddress dst, long min, long max) throws KernelException {
        return sadb.getSpi(proto, dst, min, max);
    }

    void addSa(SaParams p) throws KernelException {
        sadb.add(p);
        log.accept("klips: added " + p);
        release();
    }

    void deleteSa(SaRef ref) throws KernelException {
        sadb.delete(ref);
        log.accept("klips: deleted " + ref);
    }

    void flush(org.jswan.klips.SaProto proto) {
        sadb.flush(proto);
        log.accept("klips: flushed " + (proto == null ? "every SA" : "the " + proto.prefix() + " SAs"));
    }

    void groupSas(SaRef inner, SaRef outer) throws KernelException {
        sadb.group(inner, outer);
        log.accept("klips: grouped " + inner + " with " + outer);
        release();
    }

    void eroute(Eroute e) throws KernelException {
        eroutes.apply(e);
        log.accept("klips: " + e);
        release();
    }

    /**
     * Looks up every held packet again after a change: what an SA or a non-hold shunt now covers
     * goes its way, the rest stays held.
     */
    private void release() {
        for (HoldQueue.Pending p : hold.drain()) {
            ErouteTable.Entry er = eroutes.lookup(p.pair.src, p.pair.dst);
            boolean still = er == null ? false : er.shunt == Shunt.TRAP || er.shunt == Shunt.TRAPSUBNET
                    || er.shunt == Shunt.HOLD || (er.shunt == null && sadb.get(er.target) == null);
            if (still) {
                hold.restore(p);
                continue;
            }
            for (byte[] packet : p.packets) {
                if (er == null) {
                    drop(Counter.DROP_NO_EROUTE, null, "held packet: its eroute is gone");
                    continue;
                }
                try {
                    IpSelectors sel = IpSelectors.parse(packet, 0, packet.length);
                    if (outbound.dispatch(er, packet, sel, true) == Outbound.Fate.SENT) {
                        stats.add(Counter.RELEASED);
                    }
                } catch (BadPacket e) {
                    drop(Counter.DROP_MALFORMED, null, "held packet: " + e);
                }
            }
        }
    }

    private void announce(List<Acquire> raised) {
        for (Acquire a : raised) {
            log.accept("klips: " + a);
            try {
                acquires.acquire(a);
            } catch (RuntimeException e) {
                log.accept("klips: ACQUIRE listener failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        hold.drain();
        eroutes.clear();
        sadb.clear();
    }
}
