package org.jswan.klips.userspace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.jswan.klips.Net;
import org.jswan.klips.SaProto;
import org.jswan.klips.esp.AhTransform;
import org.jswan.klips.esp.BadPacket;
import org.jswan.klips.esp.EspTransform;
import org.jswan.klips.esp.IpComp;
import org.jswan.klips.esp.IpSelectors;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.userspace.KlipsStats.Counter;

/**
 * ESP, AH and IPComp packets for us (KLIPS's {@code ipsec_rcv}): each header names its SA by
 * SPI; the SAs must be those of one group, outermost first; then the inner packet's addresses are
 * checked against the SA's flow, and it is written to {@code ipsec0}.
 */
final class Inbound {
    private static final int MAX_INNER = Ipv4.MAX_PACKET - Ipv4.MIN_HEADER;

    private final Datapath d;

    Inbound(Datapath d) {
        this.d = d;
    }

    /** A packet from a raw socket: IPv4 header, then ESP, AH or IPComp. */
    void fromWire(byte[] p) {
        int total;
        try {
            total = Ipv4.check(p, 0, p.length);
        } catch (BadPacket e) {
            d.drop(Counter.DROP_MALFORMED, null, "from the wire: " + e);
            return;
        }
        if (Ipv4.isFragment(p, 0)) {
            d.drop(Counter.DROP_MALFORMED, null, "from the wire: a fragment (the kernel reassembles)");
            return;
        }
        int ihl = Ipv4.headerLength(p, 0);
        byte[] header = java.util.Arrays.copyOf(p, ihl);
        byte[] payload = java.util.Arrays.copyOfRange(p, ihl, total);
        process(header, payload, false);
    }

    /** ESP that pluto received on its NAT-T socket (the UDP payload, SPI first). */
    void fromUdp(InetAddress src, InetAddress dst, byte[] esp) {
        if (!(src instanceof java.net.Inet4Address) || !(dst instanceof java.net.Inet4Address)) {
            d.drop(Counter.DROP_MALFORMED, null, "ESP-in-UDP over IPv6 is not supported");
            return;
        }
        byte[] header = new byte[Ipv4.MIN_HEADER];
        Ipv4.writeHeader(header, 0, 0, Ipv4.MIN_HEADER + esp.length, 0, 0, 64, Ipv4.PROTO_ESP, src.getAddress(),
                dst.getAddress());
        process(header, esp, true);
    }

    /** A packet being taken apart: its (outer) IPv4 header and what follows it. */
    private static final class Packet {
        byte[] header;
        byte[] payload;

        Packet(byte[] header, byte[] payload) {
            this.header = header;
            this.payload = payload;
        }

        int protocol() {
            return Ipv4.protocol(header, 0);
        }
    }

    private void process(byte[] header, byte[] payload, boolean viaUdp) {
        Packet pkt = new Packet(header, payload);
        InetAddress dst = address(Ipv4.destination(header, 0));
        SaEntry first = null;
        SaEntry expect = null;
        SaEntry current = null;
        try {
            for (SaProto sp; (sp = ipsecProtocol(pkt.protocol())) != null; expect = current.inner) {
                long spi = spi(sp, pkt.payload);
                current = spi < 0 ? null : d.sadb.get(dst, sp, spi);
                if (current == null) {
                    d.drop(Counter.DROP_NO_SA, null, "no SA " + new Sadb.Key(dst, sp, Math.max(spi, 0)));
                    return;
                }
                if (!inOrder(current, first, expect) || !rightEncapsulation(current, viaUdp)) {
                    return;
                }
                if (first == null) {
                    first = current;
                }
                open(current, pkt);
            }
        } catch (BadPacket e) {
            Counter c = e.reason() == BadPacket.Reason.REPLAY ? Counter.DROP_REPLAY
                    : e.reason() == BadPacket.Reason.AUTHENTICATION ? Counter.DROP_AUTH : Counter.DROP_DECODE;
            d.drop(c, current, current + ": " + e);
            return;
        }
        if (first == null) {
            d.drop(Counter.DROP_MALFORMED, null, "not an IPsec packet, protocol " + pkt.protocol());
            return;
        }
        finish(first, expect, pkt.header, pkt.payload);
    }

    private static SaProto ipsecProtocol(int proto) {
        return proto == Ipv4.PROTO_ESP ? SaProto.ESP : proto == Ipv4.PROTO_AH ? SaProto.AH
                : proto == Ipv4.PROTO_IPCOMP ? SaProto.IPCOMP : null;
    }

    /**
     * The SAs come outermost first: the group's last SA, then each one's inner SA (an IPComp SA
     * may be skipped: the sender sends small packets uncompressed).
     */
    private boolean inOrder(SaEntry sa, SaEntry first, SaEntry expect) {
        if (first == null) {
            if (sa.outer != null) {
                d.drop(Counter.DROP_CHAIN, sa, sa + " is not the outermost SA of its group");
                return false;
            }
            return true;
        }
        while (expect != null && expect != sa && expect.proto() == SaProto.IPCOMP) {
            expect = expect.inner;
        }
        if (expect != sa) {
            d.drop(Counter.DROP_CHAIN, sa, sa + " out of its group's order");
            return false;
        }
        return true;
    }

    private boolean rightEncapsulation(SaEntry sa, boolean viaUdp) {
        if (sa.proto() == SaProto.ESP && sa.params.udpEncapsulated() != viaUdp) {
            d.drop(Counter.DROP_ENCAPSULATION, sa, sa + (viaUdp ? " is not UDP-encapsulated"
                    : " is UDP-encapsulated, raw ESP refused"));
            return false;
        }
        return true;
    }

    /** Verifies and removes one header: ESP, AH or IPComp. */
    private static void open(SaEntry sa, Packet pkt) throws BadPacket {
        synchronized (sa) {
            switch (sa.proto()) {
                case ESP: {
                    EspTransform.Opened o = sa.esp.open(pkt.payload, 0, pkt.payload.length, sa.window);
                    pkt.payload = java.util.Arrays.copyOf(o.buffer(), o.length());
                    Ipv4.setProtocol(pkt.header, 0, o.nextHeader());
                    break;
                }
                case AH: {
                    byte[] whole = join(pkt.header, pkt.payload);
                    AhTransform.Opened o = sa.ah.open(whole, 0, whole.length, sa.window);
                    int ihl = pkt.header.length;
                    pkt.header = java.util.Arrays.copyOf(o.packet(), ihl);
                    pkt.payload = java.util.Arrays.copyOfRange(o.packet(), ihl, o.packet().length);
                    break;
                }
                default: {
                    IpComp.Decompressed c = sa.comp.decompress(pkt.payload, 0, pkt.payload.length, MAX_INNER);
                    pkt.payload = c.payload();
                    Ipv4.setProtocol(pkt.header, 0, c.nextHeader());
                    break;
                }
            }
        }
    }

    /** After the last SA: every SA of the group applied? then tunnel or transport, the arrival check, ipsec0. */
    private void finish(SaEntry first, SaEntry expect, byte[] header, byte[] payload) {
        List<SaEntry> chain = first.chain();
        for (SaEntry e = expect; e != null; e = e.inner) {
            if (e.proto() == SaProto.ESP || e.proto() == SaProto.AH) {
                d.drop(Counter.DROP_CHAIN, first, first + ": the packet skipped " + e);
                return;
            }
        }
        int next = Ipv4.protocol(header, 0);
        if (next == EspTransform.NO_NEXT_HEADER) {
            return; // RFC 4303 §2.6: a dummy packet, silently discarded
        }
        boolean tunnel = false;
        boolean disableCheck = false;
        Net srcFlow = null;
        Net dstFlow = null;
        for (SaEntry e : chain) {
            tunnel |= e.params.tunnel() || e.proto() == SaProto.IPIP;
            disableCheck |= e.params.disableArrivalCheck();
            if (e.params.srcFlow() != null) {
                srcFlow = e.params.srcFlow();
                dstFlow = e.params.dstFlow();
            }
        }
        byte[] inner;
        if (tunnel) {
            if (next != Ipv4.PROTO_IPIP && next != Ipv4.PROTO_IPV6) {
                d.drop(Counter.DROP_DECODE, first, first + ": tunnel SA carries protocol " + next + ", not IP");
                return;
            }
            inner = payload;
        } else {
            inner = join(header, payload);
        }
        IpSelectors sel;
        try {
            sel = IpSelectors.parse(inner, 0, inner.length);
        } catch (BadPacket e) {
            d.drop(Counter.DROP_DECODE, first, first + ": inner packet: " + e);
            return;
        }
        if (sel.length() < inner.length) {
            inner = java.util.Arrays.copyOf(inner, sel.length());
        }
        if (!arrivalAllowed(first, tunnel, sel, srcFlow, dstFlow) && !disableCheck) {
            d.drop(Counter.DROP_ARRIVAL_CHECK, first, first + ": " + sel + " does not belong to the tunnel");
            return;
        }
        long now = d.now();
        for (SaEntry e : chain) {
            e.count(inner.length, now);
        }
        d.sendTun(inner, inner.length);
        d.stats.add(Counter.DECAPSULATED);
    }

    /**
     * The arrival check: the inner source must be in the SA's source flow and the destination in
     * its destination flow. Without a flow given, a tunnel's packet must be one that the
     * eroute for its reply (our side first) would send back to this peer.
     */
    private boolean arrivalAllowed(SaEntry first, boolean tunnel, IpSelectors sel, Net srcFlow, Net dstFlow) {
        if (srcFlow != null) {
            return srcFlow.contains(sel.src()) && dstFlow.contains(sel.dst());
        }
        if (!tunnel) {
            return true; // transport mode: the inner addresses are the SA's own
        }
        ErouteTable.Entry back = d.eroutes.lookup(sel.dst(), sel.src());
        if (back == null || back.shunt != null) {
            return false;
        }
        SaEntry out = d.sadb.get(back.target);
        return out != null && out.ref.dst().equals(first.ref.src());
    }

    private static long spi(SaProto sp, byte[] payload) {
        switch (sp) {
            case ESP:
                return EspTransform.spiOf(payload, 0, payload.length);
            case AH:
                return payload.length < AhTransform.FIXED ? -1 : ((long) (payload[4] & 0xff) << 24)
                        | ((payload[5] & 0xff) << 16) | ((payload[6] & 0xff) << 8) | (payload[7] & 0xff);
            default:
                return IpComp.cpiOf(payload, 0, payload.length);
        }
    }

    private static byte[] join(byte[] header, byte[] payload) {
        byte[] out = new byte[header.length + payload.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(payload, 0, out, header.length, payload.length);
        Ipv4.setTotalLength(out, 0, out.length);
        Ipv4.fillChecksum(out, 0);
        return out;
    }

    private static InetAddress address(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
