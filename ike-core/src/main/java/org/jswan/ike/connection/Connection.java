package org.jswan.ike.connection;

import java.time.Duration;
import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.spdb.AlgorithmList;
import org.jswan.ike.spdb.OakleyTransform;
import org.jswan.ike.whack.Policy;

/**
 * A potential connection. The description (ends, policy, lifetimes) is fixed when whack adds it;
 * the runtime part (orientation, newest SAs, routing) changes as SAs come and go. "This" end is
 * ours once {@link #orient} has found one of our interfaces in it.
 */
public final class Connection {
    /** Kind of connection, as pluto's {@code enum connection_kind}. */
    public enum Kind {
        /** Both hosts known. */
        PERMANENT,
        /** The peer is %any: a template that is instantiated per peer. */
        TEMPLATE,
        /** An instance of a template, with the peer's address filled in. */
        INSTANCE
    }

    /** Routing story, as {@code whack --status} prints it. */
    public enum Routing {
        UNROUTED("unrouted"),
        /** Routed into ipsec0, no eroute yet (transient, on the way to an eroute). */
        ROUTED("routed"),
        PROSPECTIVE("prospective erouted"),
        EROUTED("erouted");

        private final String story;

        Routing(String story) {
            this.story = story;
        }

        public String story() {
            return story;
        }
    }

    private final String name;
    private final long policy;
    private final Duration ikeLifetime;
    private final Duration ipsecLifetime;
    private final Duration rekeyMargin;
    private final long rekeyFuzzPercent;
    private final long keyingTries;
    private final End left;
    private final End right;
    private final Kind kind;
    private final int instanceSerial;
    private final Connection template;
    private final Dpd dpd;
    private final Algorithms algorithms;

    // runtime
    private boolean thisIsLeft;
    private boolean oriented;
    private String interfaceName;
    private long newestIsakmpSa;
    private long newestIpsecSa;
    private long erouteOwner;
    private Routing routing = Routing.UNROUTED;
    private long extraDebugging;
    private int nextInstance = 1;
    private boolean wantRoute;

    /** jswan's --ike / --esp restrictions; null lists mean the built-in defaults. */
    public record Algorithms(List<OakleyTransform> ike, List<AlgorithmList.EspAlgorithm> esp) {
        public static final Algorithms DEFAULT = new Algorithms(null, null);
    }

    /** DPD settings carried from whack (the lifecycle issue acts on them). */
    public record Dpd(Duration delay, Duration timeout, int action) {
        public static final Dpd NONE = new Dpd(Duration.ZERO, Duration.ZERO, 0);
    }

    public Connection(String name, long policy, Duration ikeLifetime, Duration ipsecLifetime, Duration rekeyMargin,
                      long rekeyFuzzPercent, long keyingTries, End left, End right, Kind kind, int instanceSerial,
                      Connection template, Dpd dpd, Algorithms algorithms) {
        this.name = name;
        this.policy = policy;
        this.ikeLifetime = ikeLifetime;
        this.ipsecLifetime = ipsecLifetime;
        this.rekeyMargin = rekeyMargin;
        this.rekeyFuzzPercent = rekeyFuzzPercent;
        this.keyingTries = keyingTries;
        this.left = left;
        this.right = right;
        this.kind = kind;
        this.instanceSerial = instanceSerial;
        this.template = template;
        this.dpd = dpd;
        this.algorithms = algorithms;
    }

    /** An instance of this template for a peer at {@code peer} (its port from the packet). */
    public Connection instantiate(IpAddress peer, int peerPort) {
        End thatEnd = that().withHost(peer).withHostPort(peerPort);
        if (that().nexthop().isAny() || that().hostIsAny()) {
            thatEnd = thatEnd.withNexthop(peer);
        }
        End thisEnd = this_();
        if (thisEnd.nexthop().isAny()) {
            thisEnd = thisEnd.withNexthop(peer);
        }
        End l = thisIsLeft ? thisEnd : thatEnd;
        End r = thisIsLeft ? thatEnd : thisEnd;
        Connection c = new Connection(name, policy, ikeLifetime, ipsecLifetime, rekeyMargin, rekeyFuzzPercent,
                keyingTries, l, r, Kind.INSTANCE, nextInstance++, this, dpd, algorithms);
        c.thisIsLeft = thisIsLeft;
        c.oriented = true;
        c.interfaceName = interfaceName;
        c.extraDebugging = extraDebugging;
        return c;
    }

    public void orient(boolean left, String iface) {
        this.oriented = true;
        this.thisIsLeft = left;
        this.interfaceName = iface;
    }

    public void unorient() {
        this.oriented = false;
        this.interfaceName = null;
    }

    public String name() {
        return name;
    }

    /** {@code "name"} or, for an instance, {@code "name"[3] 192.0.2.9} as pluto 2.x prints it. */
    public String displayName() {
        if (kind == Kind.INSTANCE) {
            return "\"" + name + "\"[" + instanceSerial + "] " + that().host();
        }
        return "\"" + name + "\"";
    }

    public long policy() {
        return policy;
    }

    public boolean hasPolicy(long bits) {
        return (policy & bits) == bits;
    }

    public boolean isIsakmpOnly() {
        return !Policy.hasIpsecPolicy(policy);
    }

    public Duration ikeLifetime() {
        return ikeLifetime;
    }

    public Duration ipsecLifetime() {
        return ipsecLifetime;
    }

    public Duration rekeyMargin() {
        return rekeyMargin;
    }

    public long rekeyFuzzPercent() {
        return rekeyFuzzPercent;
    }

    public long keyingTries() {
        return keyingTries;
    }

    public End left() {
        return left;
    }

    public End right() {
        return right;
    }

    public End this_() {
        return thisIsLeft ? left : right;
    }

    public End that() {
        return thisIsLeft ? right : left;
    }

    public boolean oriented() {
        return oriented;
    }

    public boolean thisIsLeft() {
        return thisIsLeft;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public Kind kind() {
        return kind;
    }

    public int instanceSerial() {
        return instanceSerial;
    }

    public Connection template() {
        return template;
    }

    public Dpd dpd() {
        return dpd;
    }

    public Algorithms algorithms() {
        return algorithms;
    }

    public long newestIsakmpSa() {
        return newestIsakmpSa;
    }

    public void setNewestIsakmpSa(long s) {
        newestIsakmpSa = s;
    }

    public long newestIpsecSa() {
        return newestIpsecSa;
    }

    public void setNewestIpsecSa(long s) {
        newestIpsecSa = s;
    }

    public long erouteOwner() {
        return erouteOwner;
    }

    public void setErouteOwner(long s) {
        erouteOwner = s;
    }

    public Routing routing() {
        return routing;
    }

    public void setRouting(Routing r) {
        routing = r;
    }

    /** {@code whack --route} asked for this connection to stay routed (with a TRAP) between SAs. */
    public boolean wantRoute() {
        return wantRoute;
    }

    public void setWantRoute(boolean v) {
        wantRoute = v;
    }

    public long extraDebugging() {
        return extraDebugging;
    }

    public void setExtraDebugging(long d) {
        extraDebugging = d;
    }

    /** pluto's {@code format_end} for status: {@code client===host:port[id]---nexthop}. */
    public static String formatEnd(End e, End other, boolean isLeft) {
        String host = e.hostIsAny() ? "%any" : e.host().toString();
        if (e.hostPort() != 500) {
            host = host + ":" + e.hostPort();
        }
        String id = "";
        if (e.idGiven() && !(e.id().kind() != org.jswan.ike.conn.Id.Kind.NONE
                && e.id().equals(org.jswan.ike.conn.Id.ofAddress(e.host())))) {
            id = "[" + e.id() + "]";
        }
        String hop = "";
        if (!e.nexthop().isAny() && !e.nexthop().equals(other.host())) {
            hop = e.nexthop().toString();
        }
        String client = e.hasClient() ? e.client().toString() : "";
        if (isLeft) {
            return (client.isEmpty() ? "" : client + "===") + host + id + (hop.isEmpty() ? "" : "---" + hop);
        }
        return (hop.isEmpty() ? "" : hop + "---") + host + id + (client.isEmpty() ? "" : "===" + client);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
