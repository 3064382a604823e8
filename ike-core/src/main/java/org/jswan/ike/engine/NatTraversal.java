package org.jswan.ike.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.wire.EncapsulationMode;
import org.jswan.ike.wire.IdType;
import org.jswan.ike.wire.NatDPayload;
import org.jswan.ike.wire.NatOaPayload;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadType;
import org.jswan.ike.wire.VendorIdPayload;

/**
 * NAT traversal (RFC 3947 negotiation, RFC 3948 encapsulation; and the draft-02/03 variants
 * older peers speak): vendor IDs in MI1/MR1, NAT-D in MI2/MR2, floating IKE to the NAT-T port
 * with the 4-byte non-ESP marker from MI3 on, UDP-encapsulated modes and NAT-OA in Quick Mode,
 * and keepalives from the side behind the NAT.
 *
 * <p>FreeS/WAN 2.0x had no NAT-T (it came as a patch); jswan has it because today's peers, and
 * charon's kernel-libipsec in particular, insist on UDP-encapsulated ESP.
 */
final class NatTraversal {
    private NatTraversal() {
    }

    /** Which NAT-T dialect the peer and we agreed on. */
    enum Method {
        NONE(0, 0, 0, 0),
        /** draft-ietf-ipsec-nat-t-ike-02/03: private payload numbers and encapsulation modes. */
        DRAFT(130, 131, 61443, 61444),
        RFC(20, 21, 3, 4);

        final int natD;
        final int natOa;
        final int udpTunnel;
        final int udpTransport;

        Method(int natD, int natOa, int udpTunnel, int udpTransport) {
            this.natD = natD;
            this.natOa = natOa;
            this.udpTunnel = udpTunnel;
            this.udpTransport = udpTransport;
        }
    }

    static final Bytes NON_ESP_MARKER = Bytes.zeros(4);
    static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(20);

    static boolean enabled(Core core) {
        return core.config.natTPort() != 0;
    }

    /** Our NAT-T vendor IDs for MI1: RFC 3947 first, then the drafts. */
    static List<Payload> vendorIds(Core core) {
        if (!enabled(core)) {
            return List.of();
        }
        return List.of(new VendorIdPayload(VendorIds.RFC3947_NATT), new VendorIdPayload(VendorIds.NATT_DRAFT_03),
                new VendorIdPayload(VendorIds.NATT_DRAFT_02N), new VendorIdPayload(VendorIds.NATT_DRAFT_02));
    }

    /** The one vendor ID a responder echoes in MR1 for the method it picked. */
    static List<Payload> replyVendorIds(State st) {
        return switch (st.natt) {
            case RFC -> List.of(new VendorIdPayload(VendorIds.RFC3947_NATT));
            case DRAFT -> List.of(new VendorIdPayload(st.nattDraftVid));
            default -> List.of();
        };
    }

    /** Picks the method from the peer's vendor IDs (MI1 or MR1): RFC 3947 if offered, else a draft. */
    static void chooseMethod(Core core, State st, Md md) {
        if (!enabled(core)) {
            return;
        }
        Method m = Method.NONE;
        for (VendorIdPayload v : md.all(VendorIdPayload.class)) {
            Bytes id = v.vendorId();
            if (id.equals(VendorIds.RFC3947_NATT)) {
                m = Method.RFC;
            } else if (m == Method.NONE && (id.equals(VendorIds.NATT_DRAFT_03) || id.equals(VendorIds.NATT_DRAFT_02N)
                    || id.equals(VendorIds.NATT_DRAFT_02))) {
                m = Method.DRAFT;
                st.nattDraftVid = id;
            }
        }
        st.natt = m;
        if (m != Method.NONE && core.out.dbg(Debug.NATT | Debug.CONTROL)) {
            core.out.debug(st.prefix() + "NAT-Traversal: using " + (m == Method.RFC ? "RFC 3947" : "draft") + " method");
        }
    }

    /**
     * RFC 3947 §3.2: HASH = hash(CKY-I | CKY-R | IP | Port); the first NAT-D names the peer
     * (destination), the second us (source). With --forceencaps our own hash is garbled so the
     * peer believes we are behind a NAT and encapsulates.
     */
    static List<Payload> natDPayloads(Core core, State st) {
        if (st.natt == Method.NONE) {
            return List.of();
        }
        Bytes remote = hash(st, st.peer);
        Bytes local = hash(st, st.local);
        if (st.connection.hasPolicy(Policy.FORCEENCAPS)) {
            local = core.rng.bytes(local.length());
        }
        List<Payload> out = new ArrayList<>();
        out.add(new NatDPayload(st.natt.natD, remote));
        out.add(new NatDPayload(st.natt.natD, local));
        return out;
    }

    /** Compares the peer's NAT-D payloads with what we see (RFC 3947 §3.2 detection). */
    static void detect(Core core, State st, Md md) {
        if (st.natt == Method.NONE) {
            return;
        }
        List<NatDPayload> ds = new ArrayList<>();
        for (NatDPayload d : md.all(NatDPayload.class)) {
            if (d.type() == st.natt.natD) {
                ds.add(d);
            }
        }
        if (ds.size() < 2) {
            core.out.log(st, "NAT-Traversal: peer announced NAT-T but sent " + ds.size() + " NAT-D payloads; assuming no NAT");
            st.natt = Method.NONE;
            return;
        }
        Bytes weSeeUs = hash(st, md.to());
        Bytes weSeePeer = hash(st, md.from());
        st.weAreNatted = !ds.get(0).hash().equals(weSeeUs);
        st.peerIsNatted = ds.subList(1, ds.size()).stream().noneMatch(d -> d.hash().equals(weSeePeer));
        if (st.connection.hasPolicy(Policy.FORCEENCAPS)) {
            st.weAreNatted = true;
        }
        core.out.log(st, "NAT-Traversal: Result using " + (st.natt == Method.RFC ? "RFC 3947" : "draft-ietf-ipsec-nat-t-ike")
                + ": " + (st.weAreNatted && st.peerIsNatted ? "both are NATed"
                : st.weAreNatted ? "i am NATed" : st.peerIsNatted ? "peer is NATed" : "no NAT detected"));
    }

    static boolean natted(State p1) {
        return p1.natt != Method.NONE && (p1.weAreNatted || p1.peerIsNatted);
    }

    /** Initiator, before MI3: IKE moves to the NAT-T port on both ends (RFC 3947 §4). */
    static void floatPorts(Core core, State st) {
        if (!natted(st)) {
            return;
        }
        int port = core.config.natTPort();
        st.local = new Endpoint(st.local.address(), port);
        st.peer = new Endpoint(st.peer.address(), port);
        if (core.out.dbg(Debug.NATT | Debug.CONTROL)) {
            core.out.debug(st.prefix() + "NAT-T: floating to port " + port);
        }
    }

    /** Quick Mode encapsulation mode for this ISAKMP SA: UDP-encapsulated when a NAT is in the way. */
    static int encapsulation(State p1, boolean tunnel) {
        if (natted(p1)) {
            return tunnel ? p1.natt.udpTunnel : p1.natt.udpTransport;
        }
        return tunnel ? EncapsulationMode.TUNNEL.value() : EncapsulationMode.TRANSPORT.value();
    }

    static boolean isUdpEncapsulation(int mode) {
        return mode == 3 || mode == 4 || mode == 61443 || mode == 61444;
    }

    static boolean isTunnel(int mode) {
        return mode == EncapsulationMode.TUNNEL.value() || mode == 3 || mode == 61443;
    }

    /** RFC 3947 §5.2: in transport mode both ends send their original addresses, NAT-OAi then NAT-OAr. */
    static List<Payload> natOa(State p1, State st, boolean initiator) {
        List<Payload> out = new ArrayList<>();
        if (!natted(p1)) {
            return out;
        }
        Endpoint i = initiator ? st.local : st.peer;
        Endpoint r = initiator ? st.peer : st.local;
        int v4 = IdType.IPV4_ADDR.value();
        int v6 = IdType.IPV6_ADDR.value();
        out.add(new NatOaPayload(p1.natt.natOa, i.address().isV4() ? v4 : v6, i.address().bytes()));
        out.add(new NatOaPayload(p1.natt.natOa, r.address().isV4() ? v4 : v6, r.address().bytes()));
        return out;
    }

    /** Adds the non-ESP marker when the datagram leaves from the NAT-T port (RFC 3948 §2.2). */
    static Bytes frame(Core core, Endpoint local, Bytes ike) {
        return enabled(core) && local.port() == core.config.natTPort() ? NON_ESP_MARKER.concat(ike) : ike;
    }

    /** Starts (or keeps) keepalives when we are the NATed side. */
    static void startKeepalives(Core core, State p1) {
        if (natted(p1) && p1.weAreNatted && !core.config.noRetransmits()) {
            core.timers.scheduleKeepalive(p1, core.now.plus(KEEPALIVE_INTERVAL));
        }
    }

    /** EVENT_NAT_T_KEEPALIVE: one 0xFF byte to the peer's NAT-T port (RFC 3948 §2.3). */
    static void keepalive(Core core, State p1) {
        if (!p1.kind.isIsakmpEstablished()) {
            return;
        }
        core.out.add(new Effect.Send(p1.local, p1.peer, Bytes.of(0xff)));
        core.timers.scheduleKeepalive(p1, core.now.plus(KEEPALIVE_INTERVAL));
    }

    static Bytes hash(State st, Endpoint e) {
        return st.oakley.hash().hash(st.icookie, st.rcookie, e.address().bytes(), Bytes.u16(e.port()));
    }

    static boolean isNatD(Payload p) {
        return p.type() == PayloadType.NAT_D.value() || p.type() == PayloadType.NAT_D_DRAFT.value();
    }
}
