package org.jswan.ike.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.connection.End;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.ike.whack.Rc;
import org.jswan.ike.wire.ProtocolId;

/**
 * pluto(8) "Pluto's Internal State": routes (by the peer's client only) and eroutes (by both
 * clients), owned by connections and states, and the updown verbs that go with them.
 * {@code whack --route} installs a TRAP eroute so that outbound traffic starts the negotiation.
 */
final class Routing {
    private Routing() {
    }

    static final String IPSEC_INTERFACE = "ipsec0";

    /** {@code whack --route}: route the peer's client into ipsec0 and trap its traffic. */
    static boolean route(Core core, long client, Connection c) {
        if (!core.listening) {
            core.out.logWhack(client, Rc.DEAF.code(), "need --listen before --route");
            return false;
        }
        if (!c.oriented()) {
            core.out.logWhack(client, Rc.ORIENT.code(), c.displayName() + ": we have no ipsecN interface for either end"
                    + " of this connection");
            return false;
        }
        c.setWantRoute(true);
        if (c.routing() != Connection.Routing.UNROUTED) {
            return true;
        }
        if (!takeRoute(core, client, c)) {
            return false;
        }
        eroute(core, c, 0, KernelRequest.Eroute.Op.ADD, null, KernelRequest.Shunt.TRAP);
        c.setRouting(Connection.Routing.PROSPECTIVE);
        return true;
    }

    /** {@code whack --unroute}: refused while an IPsec SA uses the route. */
    static void unroute(Core core, long client, Connection c) {
        if (c.routing() == Connection.Routing.EROUTED) {
            core.out.logWhack(client, Rc.RTBUSY.code(), c.displayName() + ": cannot unroute: route busy");
            return;
        }
        c.setWantRoute(false);
        if (c.routing() == Connection.Routing.PROSPECTIVE) {
            eroute(core, c, 0, KernelRequest.Eroute.Op.DELETE, null, null);
            updown(core, c, null, "unroute");
        }
        c.setRouting(Connection.Routing.UNROUTED);
    }

    /** An IPsec SA is up: route if not yet, then an eroute to it (replacing a trap), and "up" if it is new. */
    static boolean ipsecUp(Core core, State st) {
        Connection c = st.connection;
        if (c.routing() == Connection.Routing.UNROUTED) {
            if (!takeRoute(core, -1, c)) {
                core.out.log(st, "could not route: the IPsec SA is not installed");
                return false;
            }
        }
        boolean fresh = c.routing() != Connection.Routing.EROUTED;
        KernelRequest.Eroute.Op op = c.routing() == Connection.Routing.UNROUTED || c.routing() == Connection.Routing.ROUTED
                ? KernelRequest.Eroute.Op.ADD : KernelRequest.Eroute.Op.REPLACE;
        eroute(core, c, st.serial, op, st, null);
        if (fresh) {
            updown(core, c, st, "up");
        }
        c.setRouting(Connection.Routing.EROUTED);
        c.setErouteOwner(st.serial);
        return true;
    }

    /** The eroute owner is going away: back to the trap if --route asked for one, else down and unrouted. */
    static void ipsecDown(Core core, State st) {
        Connection c = st.connection;
        if (c.erouteOwner() != st.serial) {
            return;
        }
        updown(core, c, st, "down");
        c.setErouteOwner(0);
        if (c.wantRoute()) {
            eroute(core, c, 0, KernelRequest.Eroute.Op.REPLACE, null, KernelRequest.Shunt.TRAP);
            c.setRouting(Connection.Routing.PROSPECTIVE);
        } else {
            eroute(core, c, st.serial, KernelRequest.Eroute.Op.DELETE, null, null);
            updown(core, c, st, "unroute");
            c.setRouting(Connection.Routing.UNROUTED);
        }
    }

    /** The kernel trapped a packet: initiate the prospective connection whose clients cover it. */
    static void acquire(Core core, Input.Acquire a) {
        for (Connection c : core.connections.all()) {
            if (c.routing() == Connection.Routing.PROSPECTIVE && c.this_().client().contains(a.src())
                    && c.that().client().contains(a.dst())) {
                boolean busy = core.states.ofConnection(c).stream().anyMatch(s -> s.initiator && !s.kind.isIsakmpEstablished()
                        && !s.kind.isIpsecEstablished());
                if (busy) {
                    return;
                }
                core.out.log(c.displayName() + ": initiate on demand from " + a.src() + " to " + a.dst() + " proto="
                        + a.protocol());
                State p1 = core.phase1For(c).orElse(null);
                if (p1 != null) {
                    QuickMode.outI1(core, p1, c, -1, 0);
                } else {
                    MainMode.outI1(core, c, -1, 0, 1);
                }
                return;
            }
        }
        core.out.log("ACQUIRE for " + a.src() + " -> " + a.dst() + " matches no prospective connection; ignored");
    }

    /** Takes the route for the peer's client: another unused route for it is taken down; a used one wins. */
    private static boolean takeRoute(Core core, long client, Connection c) {
        for (Connection d : core.connections.all()) {
            if (d == c || d.routing() == Connection.Routing.UNROUTED || !d.that().client().equals(c.that().client())) {
                continue;
            }
            boolean sameRoute = d.interfaceName() != null && d.interfaceName().equals(c.interfaceName())
                    && d.this_().nexthop().equals(c.this_().nexthop());
            if (sameRoute) {
                continue;
            }
            if (d.erouteOwner() != 0) {
                core.out.logWhack(client, Rc.ROUTE.code(), c.displayName() + ": could not route: the route to "
                        + c.that().client() + " is in use by " + d.displayName() + " #" + d.erouteOwner());
                return false;
            }
            unroute(core, -1, d);
        }
        boolean shared = core.connections.all().stream().anyMatch(d -> d != c && d.routing() != Connection.Routing.UNROUTED
                && d.that().client().equals(c.that().client()));
        if (!shared) {
            updown(core, c, null, "prepare");
            updown(core, c, null, "route");
        }
        c.setRouting(Connection.Routing.ROUTED);
        return true;
    }

    private static void eroute(Core core, Connection c, long serial, KernelRequest.Eroute.Op op, State st,
                               KernelRequest.Shunt shunt) {
        KernelRequest.SaProto proto = null;
        long spi = 0;
        boolean tunnel = false;
        if (st != null) {
            for (State.IpsecSa sa : st.ipsecSas) {
                if (sa.protocolId() == ProtocolId.IPSEC_AH.value()) {
                    proto = KernelRequest.SaProto.AH;
                    spi = sa.peerSpi();
                } else if (sa.protocolId() == ProtocolId.IPSEC_ESP.value() && proto == null) {
                    proto = KernelRequest.SaProto.ESP;
                    spi = sa.peerSpi();
                }
                tunnel |= NatTraversal.isTunnel(sa.transform().encapsulation());
            }
        }
        Subnet ours = c.this_().client();
        Subnet peers = c.that().client();
        core.out.add(new Effect.Kernel(new KernelRequest.Eroute(op, c.name(), serial, ours, peers, proto, spi,
                st != null ? st.local.address() : c.this_().host(), st != null ? st.peer.address() : c.that().host(),
                shunt, tunnel)));
    }

    /** Runs the updown command for {@code verb} + {@code -host}/{@code -client} (+ {@code -v6}); not with --noklips. */
    static void updown(Core core, Connection c, State st, String verb) {
        if (core.config.noKlips()) {
            return;
        }
        End us = c.this_();
        String full = verb + (us.hasClient() ? "-client" : "-host") + (us.host().isV6() ? "-v6" : "");
        core.out.add(new Effect.Updown(c.name(), st == null ? 0 : st.serial, full, us.updown(), env(core, c, st, full)));
    }

    /** Every PLUTO_* variable of pluto(8) and reference §6 (interface version 1.1). */
    static Map<String, String> env(Core core, Connection c, State st, String verb) {
        End us = c.this_();
        End them = c.that();
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PLUTO_VERSION", "1.1");
        e.put("PLUTO_VERB", verb);
        e.put("PLUTO_CONNECTION", c.name());
        e.put("PLUTO_NEXT_HOP", us.nexthop().toString());
        e.put("PLUTO_INTERFACE", IPSEC_INTERFACE);
        e.put("PLUTO_ME", us.host().toString());
        e.put("PLUTO_MY_ID", core.ourId(c).toString());
        e.put("PLUTO_MY_CLIENT", us.client().toString());
        e.put("PLUTO_MY_CLIENT_NET", us.client().network().toString());
        e.put("PLUTO_MY_CLIENT_MASK", us.client().maskAddress().toString());
        e.put("PLUTO_MY_PORT", Integer.toString(us.port()));
        e.put("PLUTO_MY_PROTOCOL", Integer.toString(us.protocol()));
        org.jswan.ike.base.IpAddress peer = st != null && st.peer != null ? st.peer.address() : them.host();
        e.put("PLUTO_PEER", peer.toString());
        e.put("PLUTO_PEER_ID", (st != null && st.peerId != null ? st.peerId : them.id()).toString());
        Subnet pc = st != null && st.peerClient != null ? st.peerClient : them.client();
        e.put("PLUTO_PEER_CLIENT", pc.toString());
        e.put("PLUTO_PEER_CLIENT_NET", pc.network().toString());
        e.put("PLUTO_PEER_CLIENT_MASK", pc.maskAddress().toString());
        e.put("PLUTO_PEER_PORT", Integer.toString(them.port()));
        e.put("PLUTO_PEER_PROTOCOL", Integer.toString(them.protocol()));
        return e;
    }
}
