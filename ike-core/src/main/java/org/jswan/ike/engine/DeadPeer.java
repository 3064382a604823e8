package org.jswan.ike.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.wire.Doi;
import org.jswan.ike.wire.NotificationPayload;
import org.jswan.ike.wire.NotifyType;
import org.jswan.ike.wire.ProtocolId;
import org.jswan.ike.wire.VendorIdPayload;

/**
 * Dead Peer Detection (RFC 3706): we always announce the vendor ID and answer R_U_THERE; with a
 * connection's {@code --dpddelay}, we also probe a peer that announced it, and apply the
 * connection's action ({@code --dpdaction} clear, hold or restart) when {@code --dpdtimeout}
 * passes without an acknowledgement. Both messages travel in authenticated Informational
 * exchanges; answers are rate-limited so a flood of R_U_THEREs cannot turn us into an amplifier.
 *
 * <p>FreeS/WAN had no DPD (it came later, with Openswan); today's peers expect it.
 */
final class DeadPeer {
    private DeadPeer() {
    }

    static final int ACTION_CLEAR = 1;
    static final int ACTION_HOLD = 2;
    static final int ACTION_RESTART = 3;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** At most this many R_U_THERE answers per SA in one window. */
    static final int ANSWERS_PER_WINDOW = 10;
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);

    static void noteVendorIds(State st, Md md) {
        for (VendorIdPayload v : md.all(VendorIdPayload.class)) {
            if (v.vendorId().equals(VendorIds.DPD)) {
                st.peerDoesDpd = true;
            }
        }
    }

    /** After the ISAKMP SA is established: start probing if this connection asks for DPD. */
    static void start(Core core, State p1) {
        Connection.Dpd d = p1.connection.dpd();
        if (d.delay().isZero() || core.config.noRetransmits()) {
            return;
        }
        if (!p1.peerDoesDpd) {
            core.out.log(p1, "DPD: peer does not support Dead Peer Detection (no vendor ID); not probing");
            return;
        }
        p1.dpdOurSeq = core.rng.nextLong(0x7fffffffL);
        core.timers.scheduleDpd(p1, EventType.EVENT_DPD, core.now.plus(d.delay()));
    }

    /**
     * EVENT_DPD: if a probe has gone unanswered for {@code --dpdtimeout}, the peer is dead;
     * otherwise send R_U_THERE (again every {@code --dpddelay} while unanswered).
     */
    static void probe(Core core, State p1) {
        if (!p1.kind.isIsakmpEstablished()) {
            return;
        }
        if (p1.dpdAwaiting >= 0 && p1.dpdTimeoutAt != null && !core.now.isBefore(p1.dpdTimeoutAt)) {
            timeout(core, p1);
            return;
        }
        Duration timeout = p1.connection.dpd().timeout().isZero() ? DEFAULT_TIMEOUT : p1.connection.dpd().timeout();
        p1.dpdOurSeq = (p1.dpdOurSeq + 1) & 0xffffffffL;
        if (p1.dpdAwaiting < 0) {
            p1.dpdAwaiting = p1.dpdOurSeq;
            p1.dpdTimeoutAt = core.now.plus(timeout);
        }
        send(core, p1, NotifyType.R_U_THERE, p1.dpdOurSeq);
        if (core.out.dbg(Debug.CONTROL | Debug.NATT)) {
            core.out.debug(p1.prefix() + "DPD: sent R_U_THERE seq " + p1.dpdOurSeq);
        }
        org.jswan.ike.base.MonoTime next = core.now.plus(p1.connection.dpd().delay());
        if (next.isAfter(p1.dpdTimeoutAt)) {
            next = p1.dpdTimeoutAt;
        }
        core.timers.scheduleDpd(p1, EventType.EVENT_DPD, next);
    }

    /** EVENT_DPD_TIMEOUT: the peer is dead; apply the connection's action. */
    static void timeout(Core core, State p1) {
        Connection c = p1.connection;
        int action = c.dpd().action() == 0 ? ACTION_CLEAR : c.dpd().action();
        core.out.log(p1, "DPD: No response from peer - declaring peer dead");
        List<State> victims = new ArrayList<>();
        for (State st : core.states.all()) {
            if (st.peer != null && st.peer.address().equals(p1.peer.address()) && st.connection.name().equals(c.name())) {
                victims.add(st);
            }
        }
        victims.sort((a, b) -> Boolean.compare(a.isPhase1(), b.isPhase1()));
        for (State st : victims) {
            MainMode.deleteState(core, st, null);
        }
        switch (action) {
            case ACTION_HOLD -> core.out.log("\"" + c.name() + "\": DPD: action hold: SAs deleted; the route is kept"
                    + " and traffic held until the peer returns");
            case ACTION_RESTART -> {
                core.out.log("\"" + c.name() + "\": DPD: action restart: renegotiating");
                if (!c.that().hostIsAny() && c.kind() != Connection.Kind.INSTANCE) {
                    State mm = MainMode.outI1(core, c, -1, 0, 1);
                    if (!c.isIsakmpOnly()) {
                        core.pendingPhase2.computeIfAbsent(mm.serial, k -> new ArrayList<>())
                                .add(new Core.Pending(c, -1, 0));
                    }
                }
            }
            default -> core.out.log("\"" + c.name() + "\": DPD: action clear: SAs deleted");
        }
    }

    /** An authenticated R_U_THERE or R_U_THERE_ACK. */
    static void received(Core core, State p1, NotificationPayload n) {
        if (n.data().length() != 4 || (n.spi().length() != 16 && n.spi().length() != 0)) {
            core.out.log(p1, "DPD: malformed " + NotifyType.nameOf(n.notifyType()) + " ignored");
            return;
        }
        if (n.spi().length() == 16 && (!n.spi().slice(0, 8).equals(p1.icookie) || !n.spi().slice(8).equals(p1.rcookie))) {
            core.out.log(p1, "DPD: " + NotifyType.nameOf(n.notifyType()) + " names another ISAKMP SA; ignored");
            return;
        }
        long seq = n.data().getU32(0);
        if (n.notifyType() == NotifyType.R_U_THERE.value()) {
            if (seq == p1.dpdPeerSeq) {
                return; // a replayed probe: answered already
            }
            if (p1.dpdWindowStart == null || !core.now.isBefore(p1.dpdWindowStart.plus(ANSWER_WINDOW))) {
                p1.dpdWindowStart = core.now;
                p1.dpdAnswers = 0;
            }
            if (++p1.dpdAnswers > ANSWERS_PER_WINDOW) {
                if (p1.dpdAnswers == ANSWERS_PER_WINDOW + 1) {
                    core.out.log(p1, "DPD: too many R_U_THERE; answers suppressed for " + ANSWER_WINDOW.toSeconds() + "s");
                }
                return;
            }
            p1.dpdPeerSeq = seq;
            send(core, p1, NotifyType.R_U_THERE_ACK, seq);
            return;
        }
        if (p1.dpdAwaiting >= 0 && seq >= p1.dpdAwaiting && seq <= p1.dpdOurSeq) {
            p1.dpdAwaiting = -1;
            p1.dpdTimeoutAt = null;
            if (core.out.dbg(Debug.CONTROL | Debug.NATT)) {
                core.out.debug(p1.prefix() + "DPD: R_U_THERE_ACK seq " + seq + " received");
            }
            core.timers.scheduleDpd(p1, EventType.EVENT_DPD, core.now.plus(p1.connection.dpd().delay()));
        } else if (core.out.dbg(Debug.CONTROL)) {
            core.out.debug(p1.prefix() + "DPD: unexpected R_U_THERE_ACK seq " + seq + " ignored");
        }
    }

    private static void send(Core core, State p1, NotifyType type, long seq) {
        NotificationPayload n = new NotificationPayload(Doi.IPSEC, ProtocolId.ISAKMP.value(),
                p1.icookie.concat(p1.rcookie), type.value(), Bytes.u32(seq));
        Informational.send(core, p1, List.of(n));
    }
}
