package org.jswan.klips.userspace;

import java.util.List;
import org.jswan.klips.Acquire;
import org.jswan.klips.SaProto;
import org.jswan.klips.Shunt;
import org.jswan.klips.esp.BadPacket;
import org.jswan.klips.esp.IpSelectors;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.userspace.KlipsStats.Counter;

/**
 * Packets the stack routed into {@code ipsec0}: matched to an eroute, then encapsulated and
 * sent, passed, dropped, rejected or held (KLIPS's {@code ipsec_tunnel_start_xmit}).
 */
final class Outbound {
    /** What became of one packet. */
    enum Fate { SENT, HELD, DROPPED }

    private final Datapath d;
    private final IkeBypass ikeBypass = new IkeBypass();

    Outbound(Datapath d) {
        this.d = d;
    }

    /** A packet read from the TUN device. */
    void fromTun(byte[] p, List<Acquire> acquires) {
        IpSelectors sel;
        try {
            sel = IpSelectors.parse(p, 0, p.length);
        } catch (BadPacket e) {
            d.drop(Counter.DROP_MALFORMED, null, "from " + d.options.interfaceName() + ": " + e);
            return;
        }
        ErouteTable.Entry er = d.eroutes.lookup(sel.src(), sel.dst());
        if (er == null) {
            // only with ipsec0 attached: an unattached raw socket would route it back into ipsec0
            if (d.options.physicalInterface() != null && ikeBypass.passesWithoutEroute(p, sel, d::isLocal)) {
                d.sendWire(p, sel.length());
                d.stats.add(Counter.PASSED);
                return;
            }
            d.drop(Counter.DROP_NO_EROUTE, null, sel + ": no eroute");
            return;
        }
        er.packets.incrementAndGet();
        if (bypass(er, p, sel)) {
            return;
        }
        if (dispatch(er, p, sel, false) != Fate.HELD) {
            return;
        }
        HoldQueue.Result r = d.hold.hold(new HoldQueue.Pair(sel.src(), sel.dst()), p, d.now());
        countHold(r, sel);
        // %trap: the first packet of a host pair asks pluto for an SA; %hold only waits
        if (r.fresh() && er.shunt != Shunt.HOLD) {
            d.stats.add(Counter.ACQUIRES);
            acquires.add(new Acquire(sel.srcAddress(), sel.dstAddress(), sel.protocol(), sel.srcPort(),
                    sel.dstPort(), er.src, er.dst));
        }
    }

    /**
     * pluto's own IKE (or ESP-in-UDP) to the peer of {@code er}: out in the clear ({@link IkeBypass}).
     * Our own ESP or AH between the SA's ends back in ipsec0: the raw socket's packets are routed
     * into ipsec0 (host to host, ipsec0 attached to no interface); dropped, or they would loop.
     */
    private boolean bypass(ErouteTable.Entry er, byte[] p, IpSelectors sel) {
        int proto = sel.protocol();
        if (proto != Ipv4.PROTO_UDP && proto != Ipv4.PROTO_ESP && proto != Ipv4.PROTO_AH) {
            return false; // the common case, decided before any lookup
        }
        SaEntry sa = er.shunt == null ? d.sadb.get(er.target) : null;
        if (er.shunt == null && sa == null) {
            return false;
        }
        List<SaEntry> chain = sa == null ? null : sa.chain();
        SaEntry outermost = chain == null ? null : chain.get(chain.size() - 1);
        if (proto != Ipv4.PROTO_UDP) {
            if (outermost == null || !java.util.Arrays.equals(outermost.ref.src().getAddress(), sel.src())
                    || !java.util.Arrays.equals(outermost.ref.dst().getAddress(), sel.dst())) {
                return false;
            }
            d.drop(Counter.DROP_LOOP, outermost, sel + ": our own " + (proto == Ipv4.PROTO_ESP ? "ESP" : "AH")
                    + " routed back into " + d.options.interfaceName() + " (attach it to the physical interface)");
            return true;
        }
        if (!ikeBypass.passes(p, sel, er, outermost)) {
            return false;
        }
        d.sendWire(p, sel.length());
        d.stats.add(Counter.PASSED);
        return true;
    }

    private void countHold(HoldQueue.Result r, IpSelectors sel) {
        if (r.kept()) {
            d.stats.add(Counter.HELD);
        } else {
            d.drop(Counter.DROP_HOLD, null, sel + ": hold queue full");
        }
    }

    /**
     * Carries out eroute {@code er} for a packet.
     *
     * @param released the packet was held before: an eroute to a missing SA keeps it held
     * @return {@link Fate#HELD} for {@code %trap}/{@code %hold} (the caller queues it)
     */
    Fate dispatch(ErouteTable.Entry er, byte[] p, IpSelectors sel, boolean released) {
        if (er.shunt != null) {
            switch (er.shunt) {
                case PASS:
                    if (sel.version() != 4) {
                        d.drop(Counter.DROP_MALFORMED, null, sel + ": %pass of IPv6 not supported");
                        return Fate.DROPPED;
                    }
                    d.sendWire(p, p.length);
                    d.stats.add(Counter.PASSED);
                    return Fate.SENT;
                case DROP:
                    d.drop(Counter.DROP_SHUNT, null, sel + ": %drop");
                    return Fate.DROPPED;
                case REJECT:
                    d.drop(Counter.DROP_REJECT, null, sel + ": %reject");
                    reject(p, sel);
                    return Fate.DROPPED;
                default:
                    return Fate.HELD;
            }
        }
        SaEntry sa = d.sadb.get(er.target);
        if (sa == null) {
            if (released) {
                return Fate.HELD;
            }
            d.drop(Counter.DROP_NO_SA, null, sel + ": eroute to " + er.target + ", which is not in the SADB");
            return Fate.DROPPED;
        }
        return encapsulate(sa, p, sel) ? Fate.SENT : Fate.DROPPED;
    }

    /** A packet being built: its current outer IPv4 header and what follows it. */
    private static final class Packet {
        byte[] header;
        byte[] payload;

        int protocol() {
            return Ipv4.protocol(header, 0);
        }
    }

    /**
     * Applies the SA group of {@code sa}, first SA first: the IPIP header (tunnel mode), then
     * IPComp, ESP and AH each on the payload behind the current outer header.
     */
    boolean encapsulate(SaEntry sa, byte[] p, IpSelectors sel) {
        List<SaEntry> chain = sa.chain();
        SaEntry last = chain.get(chain.size() - 1);
        boolean tunnel = false;
        for (SaEntry e : chain) {
            tunnel |= e.params.tunnel() || e.proto() == SaProto.IPIP;
        }
        Packet pkt = tunnel ? tunnelled(p, sel, last) : transport(p, sel, last);
        if (pkt == null) {
            return false;
        }
        try {
            for (SaEntry e : chain) {
                apply(e, pkt);
            }
        } catch (BadPacket e) {
            d.drop(e.reason() == BadPacket.Reason.SEQUENCE_EXHAUSTED ? Counter.DROP_SEQUENCE : Counter.DROP_MALFORMED,
                    last, sel + ": " + e);
            return false;
        }
        long now = d.now();
        for (SaEntry e : chain) {
            e.count(sel.length(), now);
        }
        if (!send(last, pkt, sel)) {
            return false;
        }
        d.stats.add(Counter.ENCAPSULATED);
        return true;
    }

    /** Tunnel mode: a new outer header from our end of the SA to the peer's, the whole packet behind it. */
    private Packet tunnelled(byte[] p, IpSelectors sel, SaEntry last) {
        Packet pkt = new Packet();
        int tos = sel.version() == 4 ? p[1] & 0xff : ((p[0] & 0x0f) << 4) | ((p[1] & 0xf0) >>> 4);
        pkt.header = new byte[Ipv4.MIN_HEADER];
        Ipv4.writeHeader(pkt.header, 0, tos, 0, d.nextIpId(), 0, 64,
                sel.version() == 4 ? Ipv4.PROTO_IPIP : Ipv4.PROTO_IPV6,
                last.ref.src().getAddress(), last.ref.dst().getAddress());
        pkt.payload = java.util.Arrays.copyOf(p, sel.length());
        return pkt;
    }

    /** Transport mode: the packet's own header stays outermost. */
    private Packet transport(byte[] p, IpSelectors sel, SaEntry last) {
        if (sel.version() != 4 || Ipv4.isFragment(p, 0)) {
            d.drop(Counter.DROP_MALFORMED, last, sel + ": transport mode takes whole IPv4 datagrams");
            return null;
        }
        Packet pkt = new Packet();
        int ihl = Ipv4.headerLength(p, 0);
        pkt.header = java.util.Arrays.copyOf(p, ihl);
        pkt.payload = java.util.Arrays.copyOfRange(p, ihl, sel.length());
        return pkt;
    }

    /** One SA of the group on the payload behind the outer header. */
    private void apply(SaEntry e, Packet pkt) throws BadPacket {
        synchronized (e) {
            int proto = pkt.protocol();
            switch (e.proto()) {
                case IPCOMP: {
                    byte[] c = e.comp.compress(proto, pkt.payload, 0, pkt.payload.length);
                    if (c != null) {
                        pkt.payload = c;
                        Ipv4.setProtocol(pkt.header, 0, Ipv4.PROTO_IPCOMP);
                    }
                    break;
                }
                case ESP:
                    pkt.payload = e.esp.seal(e.sequence.next(), d.rng, pkt.payload, 0, pkt.payload.length, proto);
                    Ipv4.setProtocol(pkt.header, 0, Ipv4.PROTO_ESP);
                    break;
                case AH: {
                    if (pkt.header[4] == 0 && pkt.header[5] == 0) {
                        // the kernel fills in a zero IP ID of a raw packet, and AH covers it
                        int id = d.nextIpId();
                        pkt.header[4] = (byte) (id >>> 8);
                        pkt.header[5] = (byte) id;
                    }
                    byte[] whole = join(pkt.header, pkt.payload);
                    byte[] sealed = e.ah.seal(e.sequence.next(), whole, 0, whole.length);
                    int ihl = pkt.header.length;
                    pkt.header = java.util.Arrays.copyOf(sealed, ihl);
                    pkt.payload = java.util.Arrays.copyOfRange(sealed, ihl, sealed.length);
                    break;
                }
                default:
                    break; // IPIP: the outer header is already there
            }
        }
    }

    /** Out through pluto's NAT-T socket (ESP-in-UDP) or the raw socket, fragmented to the outer MTU. */
    private boolean send(SaEntry last, Packet pkt, IpSelectors sel) {
        if (last.params.udpEncapsulated()) {
            // RFC 3948 §3.1: the ESP packet goes out as the payload of a UDP datagram, through pluto's socket
            d.udp.send(last.ref.src(), last.params.natSrcPort(), last.ref.dst(), last.params.natDstPort(), pkt.payload);
            return true;
        }
        byte[] out = join(pkt.header, pkt.payload);
        try {
            for (byte[] f : Ipv4.fragment(out, out.length, d.options.outerMtu())) {
                d.sendWire(f, f.length);
            }
            return true;
        } catch (BadPacket e) {
            d.drop(Counter.DROP_SEND_ERROR, last, sel + ": " + e);
            return false;
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

    /** {@code %reject}: ICMP destination unreachable, administratively prohibited (RFC 1812 §5.2.7.1). */
    private void reject(byte[] p, IpSelectors sel) {
        if (sel.version() != 4 || sel.protocol() == Ipv4.PROTO_ICMP) {
            return;
        }
        int ihl = Ipv4.headerLength(p, 0);
        int quote = Math.min(sel.length(), ihl + 8);
        byte[] icmp = new byte[20 + 8 + quote];
        Ipv4.writeHeader(icmp, 0, 0, icmp.length, d.nextIpId(), 0, 64, Ipv4.PROTO_ICMP, sel.dst(), sel.src());
        icmp[20] = 3;   // destination unreachable
        icmp[21] = 13;  // communication administratively prohibited
        System.arraycopy(p, 0, icmp, 28, quote);
        int sum = Ipv4.checksum(icmp, 20, icmp.length - 20);
        icmp[22] = (byte) (sum >>> 8);
        icmp[23] = (byte) sum;
        d.sendTun(icmp, icmp.length);
    }
}
