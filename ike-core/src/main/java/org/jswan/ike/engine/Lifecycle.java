package org.jswan.ike.engine;

import java.time.Duration;
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
        st.event = EventType.EVENT_NULL;
        switch (e.type()) {
            case EVENT_RETRANSMIT -> retransmit(core, st);
            case EVENT_SO_DISCARD -> MainMode.deleteState(core, st,
                    core.out.dbg(Debug.CONTROL) ? "discarding state " + st.kind.name() + " that went nowhere" : null);
            case EVENT_SA_REPLACE, EVENT_SA_REPLACE_IF_USED -> replace(core, st);
            case EVENT_SA_EXPIRE -> expire(core, st);
            default -> { }
        }
    }

    /** EVENT_RETRANSMIT: resend after 10, then 20, then 40 s; give up after the third send. */
    private static void retransmit(Core core, State st) {
        if (st.retransmits < MAXIMUM_RETRANSMISSIONS) {
            long delay = 10L << (st.retransmits + 1);
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
        core.out.loglog(st, 31, "max number of retransmissions (" + MAXIMUM_RETRANSMISSIONS + ") reached "
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

    /** Established: replace at lifetime − margin (initiator margin fuzzed, responder margin halved). */
    static void scheduleReplace(Core core, State st) {
        Connection c = st.connection;
        Duration configured = st.isPhase1() ? c.ikeLifetime() : c.ipsecLifetime();
        Duration negotiated = st.isPhase1() ? st.oakley.lifetime() : minLifetime(st);
        Duration delay = negotiated.compareTo(configured) < 0 ? negotiated : configured;
        if (c.hasPolicy(Policy.DONT_REKEY)) {
            core.schedule(st, st.initiator ? EventType.EVENT_SA_REPLACE_IF_USED : EventType.EVENT_SA_EXPIRE, delay);
            st.margin = Duration.ZERO;
            return;
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
            core.schedule(st, EventType.EVENT_SA_REPLACE, delay.minus(margin));
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

    private static void replace(Core core, State st) {
        Connection c = st.connection;
        boolean newest = st.isPhase1() ? c.newestIsakmpSa() == st.serial : c.newestIpsecSa() == st.serial;
        String what = st.isPhase1() ? "ISAKMP" : "IPsec";
        if (!newest) {
            if (core.out.dbg(Debug.LIFECYCLE)) {
                core.out.log(st, "not replacing stale " + what + " SA: #"
                        + (st.isPhase1() ? c.newestIsakmpSa() : c.newestIpsecSa()) + " will do");
            }
        } else {
            core.out.log(st, "replacing stale " + what + " SA");
            if (st.isPhase1()) {
                MainMode.outI1(core, c, -1, st.serial, 1);
            } else {
                State p1 = core.states.get(c.newestIsakmpSa()).filter(s -> s.kind.isIsakmpEstablished()).orElse(null);
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

    private static void expire(Core core, State st) {
        Connection c = st.connection;
        String what = st.isPhase1() ? "ISAKMP" : "IPsec";
        long newest = st.isPhase1() ? c.newestIsakmpSa() : c.newestIpsecSa();
        String why = newest == st.serial ? "(LATEST!)" : "(superseded by #" + newest + ")";
        if (c.hasPolicy(Policy.DONT_REKEY)) {
            why = "(--dontrekey)";
        }
        MainMode.deleteState(core, st, core.out.dbg(Debug.LIFECYCLE) || newest == st.serial
                ? what + " SA expired " + why : null);
    }
}
