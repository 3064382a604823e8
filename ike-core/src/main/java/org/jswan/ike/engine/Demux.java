package org.jswan.ike.engine;

import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.crypto.IkeCipher;
import org.jswan.ike.wire.ExchangeType;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.IsakmpMessage;
import org.jswan.ike.wire.MalformedMessageException;
import org.jswan.ike.wire.NotifyType;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadChain;
import org.jswan.ike.wire.PayloadType;
import org.jswan.ike.wire.UnknownPayload;
import org.jswan.ike.whack.Debug;

/**
 * Packet demultiplexing (pluto's {@code comm_handle} → {@code process_packet}): structural
 * checks, finding or creating the state, duplicate detection, decryption, payload checks
 * against the microcode row, and then the handler.
 */
final class Demux {
    private Demux() {
    }

    static void packet(Core core, Input.Packet p) {
        Out out = core.out;
        String from = "packet from " + p.from() + ": ";
        if (!core.listening) {
            out.debug(from + "ignored: not listening for IKE messages");
            return;
        }
        if (out.dbg(Debug.RAW)) {
            out.debug("*received " + p.data().length() + " bytes from " + p.from() + " on " + p.to());
        }
        if (NatTraversal.enabled(core) && p.to().port() == core.config.natTPort()) {
            Bytes d = p.data();
            if (d.length() == 1 && d.get(0) == 0xff) {
                if (out.dbg(Debug.NATT)) {
                    out.debug(from + "NAT-T keepalive received");
                }
                return;
            }
            if (d.length() < 4 || !d.slice(0, 4).isAllZero()) {
                out.debug(from + "ESP-in-UDP packet reached IKE; dropped");
                return;
            }
            p = new Input.Packet(d.slice(4), p.from(), p.to(), p.now());
        }
        IsakmpHeader h;
        try {
            if (p.data().length() < IsakmpHeader.LENGTH) {
                out.log(from + "received packet is too short (" + p.data().length() + " bytes) for an ISAKMP header");
                return;
            }
            h = IsakmpHeader.decode(p.data());
        } catch (MalformedMessageException e) {
            out.log(from + "malformed ISAKMP header: " + e.detail() + "; message ignored");
            return;
        }
        if ((h.flags() & IsakmpHeader.FLAG_COMMIT) != 0) {
            out.log(from + "IKE message has the Commit Flag set but Pluto doesn't implement this feature; ignoring flag");
        }
        int x = h.exchangeType();
        if (x == ExchangeType.IDPROT.value()) {
            mainMode(core, p, h, from);
        } else if (x == ExchangeType.QUICK.value()) {
            quickMode(core, p, h, from);
        } else if (x == ExchangeType.INFO.value()) {
            Informational.received(core, p, h, from);
        } else {
            out.log(from + "unsupported exchange type " + ExchangeType.nameOf(x) + " in message");
        }
    }

    private static void mainMode(Core core, Input.Packet p, IsakmpHeader h, String from) {
        Out out = core.out;
        if (h.messageId() != 0) {
            out.log(from + String.format("Message ID was 0x%08x but should be zero in Main Mode", h.messageId()));
            return;
        }
        if (h.initiatorCookie().isAllZero()) {
            out.log(from + "Initiator Cookie must not be zero in Main Mode message");
            return;
        }
        State st;
        if (h.responderCookie().isAllZero()) {
            if (h.encrypted()) {
                out.log(from + "initial Main Mode message is invalid: its Encrypted Flag is on");
                return;
            }
            Optional<State> again = core.states.findResponderByIcookie(h.initiatorCookie(), p.from());
            if (again.isPresent()) {
                // only the very MI1 this state answered is a retransmission; anything else with its
                // cookie (a bare header, a changed MI1) must not draw the state's last, bigger, message
                if (p.data().equals(again.get().lastReceived)) {
                    duplicate(core, again.get(), p);
                } else {
                    out.log(again.get(), "discarding Main Mode I1 that is not a retransmission of the one this state"
                            + " answered; already " + again.get().kind.name());
                }
                return;
            }
            // a peer that already knows of a NAT between us may begin Main Mode on the NAT-T port (charon
            // reauthenticating an ISAKMP SA that floated): connections are by their IKE port
            int localPort = NatTraversal.enabled(core) && p.to().port() == core.config.natTPort()
                    ? core.config.ikePort() : p.to().port();
            Optional<Connection> c = core.connections.findForMainModeResponder(p.to().address(), localPort,
                    p.from().address(), p.from().port());
            if (c.isEmpty()) {
                out.log(from + "initial Main Mode message received on " + p.to()
                        + " but no connection has been authorized");
                return;
            }
            Connection conn = c.get();
            boolean instance = conn.kind() == Connection.Kind.TEMPLATE;
            if (instance) {
                conn = conn.instantiate(p.from().address(), p.from().port());
            }
            st = core.states.create(conn, StateKind.STATE_MAIN_R0, false, h.initiatorCookie(), core.now);
            st.local = p.to();
            st.peer = p.from();
            if (instance) {
                core.connections.addInstance(conn);
            }
            out.log(st, "responding to Main Mode" + (instance ? " from unknown peer " + p.from().address() : ""));
        } else {
            Optional<State> found = core.states.findPhase1(h.initiatorCookie(), h.responderCookie());
            if (found.isEmpty()) {
                found = core.states.findMainI1(h.initiatorCookie());
            }
            if (found.isEmpty()) {
                out.log(from + "Main Mode message is part of an unknown exchange");
                return;
            }
            st = found.get();
        }
        run(core, st, p, h);
    }

    private static void quickMode(Core core, Input.Packet p, IsakmpHeader h, String from) {
        Out out = core.out;
        if (h.initiatorCookie().isAllZero()) {
            out.log(from + "Quick Mode message is invalid because it has an Initiator Cookie of 0");
            return;
        }
        if (h.responderCookie().isAllZero()) {
            out.log(from + "Quick Mode message is invalid because it has a Responder Cookie of 0");
            return;
        }
        if (h.messageId() == 0) {
            out.log(from + "Quick Mode message is invalid because it has a Message ID of 0");
            return;
        }
        Optional<State> p1 = core.states.findPhase1(h.initiatorCookie(), h.responderCookie());
        if (p1.isEmpty()) {
            out.log(from + "Quick Mode message is for a non-existent (expired?) ISAKMP SA");
            return;
        }
        if (!p1.get().kind.isIsakmpEstablished()) {
            out.log(p1.get().prefix() + "Quick Mode message is unacceptable because it is for an incomplete ISAKMP SA");
            return;
        }
        Optional<State> existing = core.states.findPhase2(h.initiatorCookie(), h.responderCookie(), h.messageId());
        State st;
        if (existing.isPresent()) {
            st = existing.get();
        } else if (p1.get().usedMsgids.contains(h.messageId())) {
            out.log(p1.get().prefix() + String.format("Quick Mode I1 message is unacceptable because it uses a previously"
                    + " used Message ID 0x%08x (perhaps this is a duplicated packet)", h.messageId()));
            return;
        } else {
            st = core.states.create(p1.get().connection, StateKind.STATE_QUICK_R0, false, h.initiatorCookie(),
                    core.now);
            st.rcookie = h.responderCookie();
            st.msgid = h.messageId();
            st.local = p.to();
            st.peer = p.from();
            st.phase1Serial = p1.get().serial;
            st.iv = core.phase2Iv(p1.get(), h.messageId());
        }
        run(core, st, p, h);
        if (st.kind == StateKind.STATE_QUICK_R0 && st.pendingJob == 0 && core.states.get(st.serial).isPresent()) {
            MainMode.deleteState(core, st, null);
        }
    }

    /** Duplicate handling (reference §2.2): resend our last message at most twice, then discard. */
    static void duplicate(Core core, State st, Input.Packet p) {
        if (Transition.retransmitsOnDuplicate(st.kind) && st.lastSent != null && st.retransmits < 2) {
            st.retransmits++;
            core.out.progress(st, 10, "retransmitting in response to duplicate packet; already " + st.kind.name());
            core.out.send(st.local, st.peer, st.lastSent);
        } else {
            core.out.loglog(st, 3, "discarding duplicate packet"
                    + (st.retransmits >= 2 ? " -- exhausted retransmission" : "") + "; already " + st.kind.name());
        }
    }

    /** Decrypts if needed, checks payloads against the row, runs the handler, completes the step. */
    static void run(Core core, State st, Input.Packet p, IsakmpHeader h) {
        Out out = core.out;
        out.setDebugging(core.debugging | st.connection.extraDebugging());
        if (st.lastReceived != null && st.lastReceived.equals(p.data())) {
            duplicate(core, st, p);
            return;
        }
        if (st.pendingJob != 0) {
            out.debug(st.prefix() + "state busy with a crypto operation; packet ignored");
            return;
        }
        Transition row = Transition.from(st.kind);
        if (row == null) {
            out.log(st, "discarding unexpected " + ExchangeType.nameOf(h.exchangeType()) + " message; already "
                    + st.kind.name());
            return;
        }
        if (row.encryptedInput() && !h.encrypted()) {
            out.log(st, "packet rejected: should have been encrypted");
            return;
        }
        if (!row.encryptedInput() && h.encrypted()) {
            out.log(st, "packet rejected: encrypted before keys were available");
            return;
        }
        Bytes ivAfter = null;
        List<Payload> payloads;
        try {
            if (h.encrypted()) {
                State keysOf = st.isPhase1() ? st : core.states.get(st.phase1Serial).orElse(null);
                if (keysOf == null || keysOf.keys == null) {
                    out.log(st, "discarding encrypted message for an unknown ISAKMP SA");
                    return;
                }
                Bytes ct = IsakmpMessage.encryptedBody(p.data());
                int bs = keysOf.oakley.encryption().blockSize();
                if (ct.isEmpty() || ct.length() % bs != 0) {
                    out.log(st, "malformed message: not a multiple of encryption blocksize");
                    return;
                }
                Bytes plain = IkeCipher.decrypt(keysOf.oakley.encryption(), keysOf.keys.encryptionKey(), st.iv, ct);
                ivAfter = ct.slice(ct.length() - bs);
                payloads = PayloadChain.decode(h.nextPayload(), plain, true);
            } else {
                payloads = PayloadChain.decode(h.nextPayload(), IsakmpMessage.encryptedBody(p.data()), false);
            }
        } catch (MalformedMessageException e) {
            boolean firstEncrypted = h.encrypted() && st.isPhase1();
            out.log(st, (firstEncrypted ? "probable authentication failure (mismatch of preshared secrets?): " : "")
                    + "malformed payload in packet: " + e.detail());
            dropResponderR0(core, st);
            return;
        }
        for (Payload pl : payloads) {
            PayloadType t = PayloadType.fromValue(pl.type());
            if (pl instanceof UnknownPayload || t == null || !row.allowed(t)) {
                out.log(st, "message ignored because it contains an unknown or unexpected payload type ("
                        + PayloadType.nameOf(pl.type()) + ") at the outermost level");
                dropResponderR0(core, st);
                return;
            }
        }
        for (PayloadType req : row.required()) {
            if (payloads.stream().noneMatch(pl -> pl.type() == req.value())) {
                out.log(st, "message for " + st.kind.name() + " is missing payloads " + req.name());
                dropResponderR0(core, st);
                return;
            }
        }
        if (out.dbg(Debug.PARSING)) {
            for (String line : org.jswan.ike.wire.PayloadDescriber.describe(h, payloads)) {
                out.debug(line.startsWith("| ") ? line.substring(2) : line);
            }
        }
        Md md = new Md(h, payloads, p.data(), p.from(), p.to(), h.encrypted(), ivAfter);
        if (NatTraversal.enabled(core) && p.to().port() == core.config.natTPort()
                && (!p.to().equals(st.local) || !p.from().equals(st.peer))) {
            // RFC 3947 §4: answer to the address and port the message came from (a NAT may have moved it)
            st.prevLocal = st.local;
            st.prevPeer = st.peer;
            st.local = p.to();
            st.peer = p.from();
        }
        Informational.logNotifications(core, st, md);
        Step step = row.handler().handle(core, st, md);
        complete(core, st, row, md, step);
    }

    private static void dropResponderR0(Core core, State st) {
        if (st.kind == StateKind.STATE_MAIN_R0) {
            MainMode.deleteState(core, st, null);
        }
    }

    /** pluto's complete_state_transition. */
    static void complete(Core core, State st, Transition row, Md md, Step step) {
        Out out = core.out;
        if (step instanceof Step.Suspend s) {
            core.startJob(st, s.task(), s.resume());
            core.pendingRows.put(st.serial, new Pending(row, md));
            return;
        }
        if (!(step instanceof Step.Ok) && st.prevPeer != null) {
            st.local = st.prevLocal;
            st.peer = st.prevPeer;
        }
        st.prevLocal = null;
        st.prevPeer = null;
        if (step instanceof Step.Ignore) {
            return;
        }
        if (step instanceof Step.Fail f) {
            if (f.detail() != null) {
                out.loglog(st, 3, f.detail());
            }
            out.loglog(st, 200 + f.notification().value(), st.kind.name() + ": " + f.notification().name());
            Informational.notifyFailure(core, st, md, f.notification());
            if (st.kind == StateKind.STATE_MAIN_R0 || st.kind == StateKind.STATE_QUICK_R0) {
                MainMode.deleteState(core, st, null);
            }
            return;
        }
        StateKind from = st.kind;
        st.kind = row.to();
        if (md != null) {
            st.lastReceived = md.raw();
        }
        st.retransmits = 0;
        switch (row.timer()) {
            case RETRANSMIT -> core.schedule(st, EventType.EVENT_RETRANSMIT, java.time.Duration.ofSeconds(10));
            case DISCARD -> core.schedule(st, EventType.EVENT_SO_DISCARD, MainMode.RESPONDER_DISCARD);
            case SA_REPLACE -> Lifecycle.scheduleReplace(core, st);
            default -> { }
        }
        MainMode.announce(core, st, from);
    }

    /** A transition waiting on a crypto job: the row and message to complete it with. */
    record Pending(Transition row, Md md) {
    }
}
