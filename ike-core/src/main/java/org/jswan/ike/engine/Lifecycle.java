package org.jswan.ike.engine;

import java.time.Duration;
import java.util.List;
import org.jswan.ike.conn.Id;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Policy;

/**
 * Timer events (reference §2.3–2.4): retransmission with give-up and keying attempts,
 * replacement (rekey) and expiry of established SAs, discard of abandoned states.
 */
final class Lifecycle {
    private Lifecycle() {
    }

    static final int MAXIMUM_RETRANSMISSIONS = 2;
    /** pluto: how often a first Main Mode message is resent for a connection with --keyingtries 0. */
    static final int MAXIMUM_RETRANSMISSIONS_INITIAL = 20;

    static void fire(Core core, Timers.Entry e) {
        State st = core.states.get(e.serial()).orElse(null);
        if (st == null) {
            return;
        }
        core.out.setDebugging(core.debugging | st.connection.extraDebugging());
        if (e.type() == EventType.EVENT_NAT_T_KEEPALIVE) {
            NatTraversal.keepalive(core, st);
            return;
        }
        if (e.type() == EventType.EVENT_DPD || e.type() == EventType.EVENT_DPD_TIMEOUT) {
            st.dpdEvent = null;
            if (e.type() == EventType.EVENT_DPD) {
                DeadPeer.probe(core, st);
            } else {
                DeadPeer.timeout(core, st);
            }
            return;
        }
        st.event = EventType.EVENT_NULL;
        switch (e.type()) {
            case EVENT_RETRANSMIT -> retransmit(core, st);
            case EVENT_SO_DISCARD -> MainMode.deleteState(core, st,
                    core.out.dbg(Debug.CONTROL) ? "discarding state " + st.kind.name() + " that went nowhere" : null);
            case EVENT_SA_REPLACE, EVENT_SA_REPLACE_IF_USED -> replace(core, st, e.type());
            case EVENT_SA_EXPIRE -> expire(core, st);
            default -> { }
        }
    }

    /**
     * EVENT_RETRANSMIT: resend after 10, then 20, then 40 s; give up after the third send. A
     * first Main Mode message of a connection with --keyingtries 0 goes on every 40 s until
     * {@link #MAXIMUM_RETRANSMISSIONS_INITIAL} resends.
     */
    private static void retransmit(Core core, State st) {
        long delay = 0;
        if (st.retransmits < MAXIMUM_RETRANSMISSIONS) {
            delay = 10L << (st.retransmits + 1);
        } else if (st.kind == StateKind.STATE_MAIN_I1 && st.connection.keyingTries() == 0
                && st.retransmits < MAXIMUM_RETRANSMISSIONS_INITIAL) {
            delay = 10L << MAXIMUM_RETRANSMISSIONS;
        }
        if (delay != 0) {
            st.retransmits++;
            core.out.progress(st, 10, st.kind.name() + ": retransmission; will wait " + delay + "s for response");
            core.out.send(st.local, st.peer, st.lastSent);
            core.schedule(st, EventType.EVENT_RETRANSMIT, Duration.ofSeconds(delay));
            return;
        }
        String details = switch (st.kind) {
            case STATE_MAIN_I1 -> ".  No response (or no acceptable response) to our first IKE message";
            case STATE_MAIN_I3 -> ".  Possible authentication failure: no acceptable response to our first encrypted message";
            case STATE_QUICK_I1 -> st.connection.newestIpsecSa() == 0
                    ? ".  No acceptable response to our first Quick Mode message: perhaps peer likes no proposal" : "";
            default -> "";
        };
        core.out.loglog(st, 31, "max number of retransmissions (" + st.retransmits + ") reached "
                + st.kind.name() + details);
        Connection c = st.connection;
        long limit = c.keyingTries();
        if (st.initiator && st.tries != 0 && st.tries != limit) {
            int next = st.tries + 1;
            core.out.log(st, "starting keying attempt " + next + " of "
                    + (limit == 0 ? "an unlimited number" : "at most " + limit));
            long whack = st.whack;
            if (whack >= 0) {
                core.out.whack(whack, 0, st.prefix() + st.kind.story() + ", but releasing whack");
                core.out.whackDone(whack);
                st.whack = -1;
            }
            if (st.isPhase1()) {
                MainMode.outI1(core, c, -1, st.replacing, next);
            } else {
                core.states.get(st.phase1Serial).ifPresentOrElse(
                        p1 -> QuickMode.outI1(core, p1, c, -1, st.replacing).tries = next,
                        () -> MainMode.outI1(core, c, -1, st.replacing, next));
            }
        }
        MainMode.deleteState(core, st, null);
    }

    /**
     * What a new ISAKMP SA makes obsolete: with the peer's INITIAL_CONTACT, every older state with
     * that peer (it has restarted and forgotten them); with --uniqueids, states of the same peer
     * ID at another address (pluto(8): "any connection with the same Peer ID but a different Peer
     * IP address is unoriented").
     */
    static void afterIsakmpEstablished(Core core, State p1) {
        List<State> victims = new java.util.ArrayList<>();
        for (State o : core.states.all()) {
            if (o == p1 || o.peer == null) {
                continue;
            }
            boolean samePeer = o.peer.address().equals(p1.peer.address()) && o.connection.name().equals(p1.connection.name());
            if (p1.peerInitialContact && samePeer && o.established != null && o.established.isBefore(p1.established)) {
                core.out.log(p1, "received INITIAL_CONTACT: deleting #" + o.serial + ", an SA from the peer's previous life");
                victims.add(o);
                continue;
            }
            Id oid = o.peerId != null ? o.peerId : o.connection.that().id();
            if (core.config.uniqueIds() && p1.peerId != null && oid != null && oid.equals(p1.peerId)
                    && !o.peer.address().equals(p1.peer.address())) {
                core.out.log(p1, "--uniqueids: deleting #" + o.serial + " of peer ID '" + p1.peerId + "' at "
                        + o.peer.address() + ", now at " + p1.peer.address());
                victims.add(o);
            }
        }
        victims.sort((a, b) -> Boolean.compare(a.isPhase1(), b.isPhase1()));
        for (State v : victims) {
            MainMode.deleteState(core, v, null);
        }
    }

    /**
     * After a rekey collision (both ends replaced the same SA at once) two fresh IPsec SAs exist;
     * the one that is not newest is redundant and goes after a short grace, with a Delete. Two SAs
     * collided when their negotiations overlapped: the other one was established after this one
     * began. The SA being replaced was established before its replacement began, so it is left to
     * expire on its own schedule.
     */
    static void afterIpsecEstablished(Core core, State st) {
        for (State o : core.states.ofConnection(st.connection)) {
            if (o != st && !o.isPhase1() && o.kind.isIpsecEstablished() && o.established != null
                    && st.created != null && !o.established.isBefore(st.created) && o.serial != st.replacing
                    && o.ourClient != null && o.ourClient.equals(st.ourClient) && o.peerClient.equals(st.peerClient)) {
                core.out.log(o, "redundant IPsec SA (rekey collision with #" + st.serial + "); it will be deleted in "
                        + REDUNDANT_GRACE.toSeconds() + "s");
                o.margin = Duration.ZERO;
                core.schedule(o, EventType.EVENT_SA_EXPIRE, REDUNDANT_GRACE);
            }
        }
    }

    static final Duration REDUNDANT_GRACE = Duration.ofSeconds(30);

    /** Established: replace at lifetime − margin (initiator margin fuzzed, responder margin halved). */
    static void scheduleReplace(Core core, State st) {
        Connection c = st.connection;
        Duration configured = st.isPhase1() ? c.ikeLifetime() : c.ipsecLifetime();
        Duration negotiated = st.isPhase1() ? st.oakley.lifetime() : minLifetime(st);
        Duration delay = negotiated.compareTo(configured) < 0 ? negotiated : configured;
        EventType kind = EventType.EVENT_SA_REPLACE;
        if (c.hasPolicy(Policy.DONT_REKEY)) {
            // the initiator replaces only if the SA was used; a responder lets it expire
            if (!st.initiator) {
                st.margin = Duration.ZERO;
                core.schedule(st, EventType.EVENT_SA_EXPIRE, delay);
                return;
            }
            kind = EventType.EVENT_SA_REPLACE_IF_USED;
        }
        Duration margin = c.rekeyMargin();
        if (st.initiator) {
            long fuzzMs = margin.toMillis() * c.rekeyFuzzPercent() / 100;
            if (fuzzMs > 0) {
                margin = margin.plusMillis(core.rng.nextLong(fuzzMs));
            }
        } else {
            margin = margin.dividedBy(2);
        }
        if (delay.compareTo(margin) > 0) {
            st.margin = margin;
            core.schedule(st, kind, delay.minus(margin));
        } else {
            st.margin = Duration.ZERO;
            core.schedule(st, EventType.EVENT_SA_EXPIRE, delay);
        }
    }

    private static Duration minLifetime(State st) {
        Duration d = null;
        if (st.ipsecChoice != null) {
            for (var ch : st.ipsecChoice.protocols()) {
                Duration l = ch.transform().lifetime();
                if (d == null || l.compareTo(d) < 0) {
                    d = l;
                }
            }
        }
        return d == null ? st.connection.ipsecLifetime() : d;
    }

    private static void replace(Core core, State st, EventType fired) {
        Connection c = st.connection;
        boolean newest = st.isPhase1() ? c.newestIsakmpSa() == st.serial : c.newestIpsecSa() == st.serial;
        String what = st.isPhase1() ? "ISAKMP" : "IPsec";
        if (fired == EventType.EVENT_SA_REPLACE_IF_USED && !recentlyUsed(core, st)) {
            core.out.log(st, "not replacing " + what + " SA: --dontrekey and no recent traffic; it will expire");
        } else if (!newest) {
            if (core.out.dbg(Debug.LIFECYCLE)) {
                core.out.log(st, "not replacing stale " + what + " SA: #"
                        + (st.isPhase1() ? c.newestIsakmpSa() : c.newestIpsecSa()) + " will do");
            }
        } else {
            core.out.log(st, "replacing stale " + what + " SA");
            if (st.isPhase1()) {
                MainMode.outI1(core, c, -1, st.serial, 1);
            } else {
                State p1 = core.phase1For(c).orElse(null);
                if (p1 != null) {
                    QuickMode.outI1(core, p1, c, -1, st.serial);
                } else {
                    State mm = MainMode.outI1(core, c, -1, 0, 1);
                    core.pendingPhase2.computeIfAbsent(mm.serial, k -> new java.util.ArrayList<>())
                            .add(new Core.Pending(c, -1, st.serial));
                }
            }
        }
        core.schedule(st, EventType.EVENT_SA_EXPIRE, st.margin);
    }

    /**
     * A reading of the kernel's counters: each SA is the outbound (peer's SPI at the peer) or
     * inbound (our SPI at us) ESP SA of a state — AH when there is no ESP — which records them.
     * Only the outbound SA's last use counts as "used" (pluto's test for --dontrekey looked at
     * outbound traffic). SAs no state has, and IPCOMP, change nothing. One pass over the states
     * per reading, however many SAs it holds.
     */
    static void saUsed(Core core, Input.SaUsed u) {
        record Key(long spi, org.jswan.ike.base.IpAddress dst) {
        }
        java.util.Map<Key, State> outbound = new java.util.HashMap<>();
        java.util.Map<Key, State> inbound = new java.util.HashMap<>();
        for (State st : core.states.all()) {
            State.IpsecSa counted = st.isPhase1() || st.peer == null || st.local == null ? null : countedSa(st);
            if (counted != null) {
                outbound.put(new Key(counted.peerSpi(), st.peer.address()), st);
                inbound.put(new Key(counted.ourSpi(), st.local.address()), st);
            }
        }
        for (Input.SaCount n : u.sas()) {
            Key k = new Key(n.spi(), n.dst());
            State st = outbound.get(k);
            if (st != null) {
                State.Traffic t = st.traffic == null ? new State.Traffic(0, 0, 0, 0) : st.traffic;
                st.traffic = new State.Traffic(t.inBytes(), t.inPackets(), n.bytes(), n.packets());
                if (n.lastUsed() != null && (st.lastUsed == null || n.lastUsed().isAfter(st.lastUsed))) {
                    st.lastUsed = n.lastUsed();
                }
                continue;
            }
            st = inbound.get(k);
            if (st != null) {
                State.Traffic t = st.traffic == null ? new State.Traffic(0, 0, 0, 0) : st.traffic;
                st.traffic = new State.Traffic(n.bytes(), n.packets(), t.outBytes(), t.outPackets());
            }
        }
    }

    /** The SA whose counters stand for the state's: ESP, else AH; null for IPCOMP alone. */
    static State.IpsecSa countedSa(State st) {
        State.IpsecSa ah = null;
        for (State.IpsecSa sa : st.ipsecSas) {
            if (sa.protocolId() == org.jswan.ike.wire.ProtocolId.IPSEC_ESP.value()) {
                return sa;
            }
            if (sa.protocolId() == org.jswan.ike.wire.ProtocolId.IPSEC_AH.value()) {
                ah = sa;
            }
        }
        return ah;
    }

    /** Outbound traffic on the SA within the last rekey margin, as the kernel reported it. */
    private static boolean recentlyUsed(Core core, State st) {
        if (st.isPhase1()) {
            // an ISAKMP SA is worth keeping while the connection's newest IPsec SA carries traffic
            return core.states.get(st.connection.newestIpsecSa()).filter(ipsec -> !ipsec.isPhase1())
                    .map(ipsec -> recentlyUsed(core, ipsec)).orElse(false);
        }
        return st.lastUsed != null && !st.lastUsed.isBefore(core.now.minus(st.connection.rekeyMargin()));
    }

    private static void expire(Core core, State st) {
        Connection c = st.connection;
        String what = st.isPhase1() ? "ISAKMP" : "IPsec";
        long newest = st.isPhase1() ? c.newestIsakmpSa() : c.newestIpsecSa();
        String why = newest == st.serial ? "(LATEST!)" : "(superseded by #" + newest + ")";
        if (c.hasPolicy(Policy.DONT_REKEY)) {
            why = "(--dontrekey)";
        }
        Informational.sendDelete(core, st);
        MainMode.deleteState(core, st, core.out.dbg(Debug.LIFECYCLE) || newest == st.serial
                ? what + " SA expired " + why : null);
    }
}
