package org.jswan.klips.userspace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jswan.klips.Acquire;
import org.jswan.klips.Eroute;
import org.jswan.klips.KernelException;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.Net;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;

/** One side of a test: a {@link Datapath} on memory ports, a virtual clock, a seeded generator. */
final class Node {
    /** A datagram handed to the UDP sender. */
    record Udp(InetAddress src, int srcPort, InetAddress dst, int dstPort, byte[] payload) {
    }

    final InetAddress gw;
    final InetAddress peerGw;
    final MemoryPort tun = new MemoryPort();
    final MemoryPort wire = new MemoryPort();
    final List<Udp> udp = new ArrayList<>();
    final List<Acquire> acquires = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final Datapath dp;

    Node(InetAddress gw, InetAddress peerGw, KlipsOptions options, long seed) {
        this.gw = gw;
        this.peerGw = peerGw;
        dp = new Datapath(options.withDebug(true), tun, wire,
                (s, sp, d, dport, payload) -> udp.add(new Udp(s, sp, d, dport, payload.clone())),
                acquires::add, log::add, clock::get, new Random(seed));
    }

    Node(InetAddress gw, InetAddress peerGw) {
        this(gw, peerGw, KlipsOptions.defaults(), gw.hashCode());
    }

    SaRef out(SaProto proto, long spi) {
        return new SaRef(proto, spi, gw, peerGw);
    }

    SaRef in(SaProto proto, long spi) {
        return new SaRef(proto, spi, peerGw, gw);
    }

    static SaParams esp(SaRef ref, boolean inbound, boolean tunnel, int natPort, int seed) {
        KeyMaterial ek = Packets.key(16, seed);
        KeyMaterial ik = Packets.key(20, seed + 1);
        return new SaParams(ref, inbound, tunnel, 12, ek, 3, ik, natPort, natPort);
    }

    /**
     * The test tunnel, ESP AES-128/SHA1: out SPI {@code outSpi} to the peer, in SPI {@code inSpi},
     * flows ourNet <-> peerNet, the eroute ourNet -> peerNet.
     */
    void tunnel(long outSpi, long inSpi, Net ourNet, Net peerNet, int natPort) throws KernelException {
        dp.addSa(esp(out(SaProto.ESP, outSpi), false, true, natPort, (int) outSpi));
        dp.addSa(esp(in(SaProto.ESP, inSpi), true, true, natPort, (int) inSpi).withFlow(peerNet, ourNet));
        dp.eroute(new Eroute(Eroute.Op.ADD, ourNet, peerNet, out(SaProto.ESP, outSpi)));
    }

    void advance(long millis) {
        clock.addAndGet(millis * 1_000_000L);
    }

    /** Moves what this node put on the wire (raw or UDP) into {@code peer}'s inbound path. */
    int deliverTo(Node peer) {
        int n = 0;
        for (byte[] p : wire.take()) {
            peer.dp.inboundWire(p);
            n++;
        }
        for (Udp u : new ArrayList<>(udp)) {
            peer.dp.inboundUdp(u.src(), u.dst(), u.payload());
            n++;
        }
        udp.clear();
        return n;
    }
}
