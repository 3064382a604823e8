package org.jswan.ike.engine;

import org.jswan.ike.connection.Connection;
import org.jswan.ike.connection.ConnectionDb;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.wire.ProtocolId;

/**
 * {@code whack --status} in pluto 2.x's format (reference §3): interfaces, %myid, debug,
 * connections, states; every line RC 000, blank lines {@code "000  "}.
 */
final class Status {
    private Status() {
    }

    static void show(Core core, long client) {
        Out out = core.out;
        for (ConnectionDb.Iface i : core.interfaces) {
            out.whack(client, 0, "interface " + i.name() + "/" + i.name() + " " + address(i));
        }
        out.whack(client, 0, "%myid = " + (core.myId == null ? "(none)" : core.myId.toString()));
        out.whack(client, 0, "debug " + Debug.names(core.debugging));
        // jswan: pluto's one global timer, the cookie secret's refresh
        out.whack(client, 0, "EVENT_REINIT_SECRET in "
                + Math.floorDiv(core.now.until(core.cookies.nextReinit(core.now)).toMillis(), 1000) + "s");
        out.whack(client, 0, " ");
        for (Connection c : core.connections.all()) {
            connection(core, client, c);
        }
        out.whack(client, 0, " ");
        for (State st : core.states.sortedForStatus()) {
            state(core, client, st);
        }
        out.whack(client, 0, " ");
        if (!core.publicKeys.all().isEmpty()) {
            out.whack(client, 0, "List of RSA Public Keys:");
            for (PublicKeys.Entry e : core.publicKeys.all()) {
                out.whack(client, 0, "  " + e.id() + ": " + e.key().bits() + " RSA key *" + e.key().keyId());
            }
            out.whack(client, 0, " ");
        }
    }

    /** {@code 192.0.2.1}, or with a port other than 500 {@code 192.0.2.1:8500} / {@code [2001:db8::1]:8500}. */
    static String address(ConnectionDb.Iface i) {
        if (i.port() == 500) {
            return i.address().toString();
        }
        return new org.jswan.ike.base.Endpoint(i.address(), i.port()).toString();
    }

    private static void connection(Core core, long client, Connection c) {
        Out out = core.out;
        String n = c.displayName();
        String left = Connection.formatEnd(c.left(), c.right(), true);
        String right = Connection.formatEnd(c.right(), c.left(), false);
        out.whack(client, 0, n + ": " + left + "..." + right + "; " + c.routing().story() + "; eroute owner: #"
                + c.erouteOwner());
        out.whack(client, 0, n + ":   ike_life: " + c.ikeLifetime().toSeconds() + "s; ipsec_life: "
                + c.ipsecLifetime().toSeconds() + "s; rekey_margin: " + c.rekeyMargin().toSeconds() + "s; rekey_fuzz: "
                + c.rekeyFuzzPercent() + "%; keyingtries: " + c.keyingTries());
        String prio = c.oriented() ? c.this_().client().prefixLength() + "," + c.that().client().prefixLength() : "0,0";
        out.whack(client, 0, n + ":   policy: " + Policy.pretty(c.policy() | (c.erouteOwner() != 0 ? Policy.UP : 0))
                + "; prio: " + prio + "; interface: " + (c.interfaceName() == null ? "" : c.interfaceName()) + "; ");
        out.whack(client, 0, n + ":   newest ISAKMP SA: #" + c.newestIsakmpSa() + "; newest IPsec SA: #"
                + c.newestIpsecSa() + "; ");
    }

    private static void state(Core core, long client, State st) {
        Out out = core.out;
        Connection c = st.connection;
        StringBuilder sb = new StringBuilder();
        sb.append('#').append(st.serial).append(": ").append(c.displayName())
                .append(st.peer != null && st.peer.port() != c.that().hostPort() ? ":" + st.peer.port() : "")
                .append(' ').append(st.kind.name())
                .append(" (").append(st.kind.story()).append(')');
        if (st.eventTime != null && st.event != EventType.EVENT_NULL) {
            long secs = Math.floorDiv(core.now.until(st.eventTime).toMillis(), 1000);
            sb.append("; ").append(st.event.name()).append(" in ").append(secs).append('s');
        }
        if (st.isPhase1() && c.newestIsakmpSa() == st.serial) {
            sb.append("; newest ISAKMP");
        }
        if (!st.isPhase1() && c.newestIpsecSa() == st.serial) {
            sb.append("; newest IPSEC");
        }
        if (c.erouteOwner() == st.serial) {
            sb.append("; eroute owner");
        }
        out.whack(client, 0, sb.toString());
        if (st.kind.isIpsecEstablished()) {
            StringBuilder sa = new StringBuilder();
            sa.append('#').append(st.serial).append(": ").append(c.displayName());
            if (st.lastUsed != null && c.erouteOwner() == st.serial) {
                sa.append(" used ").append(Math.max(0, st.lastUsed.until(core.now).toSeconds())).append("s ago;");
            }
            for (int proto : new int[] {ProtocolId.IPSEC_AH.value(), ProtocolId.IPSEC_ESP.value(), ProtocolId.IPCOMP.value()}) {
                for (State.IpsecSa s : st.ipsecSas) {
                    if (s.protocolId() != proto) {
                        continue;
                    }
                    String p = proto == ProtocolId.IPSEC_AH.value() ? "ah" : proto == ProtocolId.IPSEC_ESP.value() ? "esp" : "comp";
                    char sep = st.peer.address().isV4() ? '.' : ':';
                    sa.append(' ').append(p).append(sep).append(Long.toHexString(s.peerSpi())).append('@')
                            .append(st.peer.address());
                    sa.append(' ').append(p).append(sep).append(Long.toHexString(s.ourSpi())).append('@')
                            .append(st.local.address());
                }
            }
            char sep = st.peer.address().isV4() ? '.' : ':';
            if (st.tunnelOutSpi != 0) {
                sa.append(" tun").append(sep).append(Long.toHexString(st.tunnelOutSpi)).append('@').append(st.peer.address());
            }
            if (st.tunnelInSpi != 0) {
                sa.append(" tun").append(sep).append(Long.toHexString(st.tunnelInSpi)).append('@').append(st.local.address());
            }
            if (st.traffic != null) {
                String p = Lifecycle.countedSa(st).protocolId() == ProtocolId.IPSEC_AH.value() ? "AH" : "ESP";
                sa.append(" Traffic: ").append(p).append("in=").append(st.traffic.inBytes()).append("B/")
                        .append(st.traffic.inPackets()).append("p ").append(p).append("out=")
                        .append(st.traffic.outBytes()).append("B/").append(st.traffic.outPackets()).append('p');
            }
            out.whack(client, 0, sa.toString());
        }
    }
}
