package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.crypto.IkeCipher;
import org.jswan.ike.crypto.Ikev1Kdf;
import org.jswan.ike.wire.DeletePayload;
import org.jswan.ike.wire.Doi;
import org.jswan.ike.wire.ExchangeType;
import org.jswan.ike.wire.HashPayload;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.IsakmpMessage;
import org.jswan.ike.wire.MalformedMessageException;
import org.jswan.ike.wire.NotificationPayload;
import org.jswan.ike.wire.NotifyType;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadChain;
import org.jswan.ike.wire.PayloadType;
import org.jswan.ike.wire.ProtocolId;
import org.jswan.ike.wire.VendorIdPayload;

/**
 * Informational exchanges (RFC 2408 §4.8, RFC 2409 §5.7). An encrypted one is acted on only after
 * its HASH(1) = prf(SKEYID_a, M-ID | N/D) checks out; a cleartext one is logged and changes nothing.
 */
final class Informational {
    private Informational() {
    }

    static void received(Core core, Input.Packet p, IsakmpHeader h, String from) {
        Out out = core.out;
        Optional<State> p1o = core.states.findPhase1(h.initiatorCookie(), h.responderCookie());
        if (!h.encrypted()) {
            List<Payload> ps;
            try {
                ps = PayloadChain.decode(h.nextPayload(), IsakmpMessage.encryptedBody(p.data()), false);
            } catch (MalformedMessageException e) {
                out.log(from + "malformed Informational Exchange message: " + e.detail());
                return;
            }
            if (p1o.isPresent() && p1o.get().kind.isIsakmpEstablished()) {
                out.log(p1o.get().prefix() + "Informational Exchange message for an established ISAKMP SA must be encrypted");
                return;
            }
            String prefix = p1o.map(State::prefix).orElse(from);
            if (p1o.isEmpty()) {
                p1o = core.states.findMainI1(h.initiatorCookie());
                prefix = p1o.map(State::prefix).orElse(from);
            }
            String unexpected = unexpectedPayload(ps);
            if (unexpected != null) {
                out.log(prefix + unexpected);
                return;
            }
            for (Payload pl : ps) {
                if (pl instanceof NotificationPayload n) {
                    out.log(prefix + "ignoring unauthenticated informational payload, type "
                            + NotifyType.nameOf(n.notifyType()));
                    p1o.filter(s -> s.whack >= 0).ifPresent(s ->
                            out.whack(s.whack, 2, s.prefix() + "peer says " + NotifyType.nameOf(n.notifyType())
                                    + " (unauthenticated; ignored)"));
                }
            }
            return;
        }
        if (p1o.isEmpty() || p1o.get().keys == null || p1o.get().phase1Iv == null) {
            out.log(from + "Informational Exchange is for an unknown (expired?) SA");
            return;
        }
        State p1 = p1o.get();
        List<Payload> ps;
        Bytes ct = IsakmpMessage.encryptedBody(p.data());
        int bs = p1.oakley.encryption().blockSize();
        if (ct.isEmpty() || ct.length() % bs != 0) {
            out.log(p1.prefix() + "malformed message: not a multiple of encryption blocksize");
            return;
        }
        try {
            Bytes iv = core.phase2Iv(p1, h.messageId());
            Bytes plain = IkeCipher.decrypt(p1.oakley.encryption(), p1.keys.encryptionKey(), iv, ct);
            ps = PayloadChain.decode(h.nextPayload(), plain, true);
        } catch (MalformedMessageException e) {
            out.log(p1.prefix() + "malformed Informational Exchange message: " + e.detail());
            return;
        }
        if (ps.isEmpty() || !(ps.get(0) instanceof HashPayload hash)) {
            out.log(p1.prefix() + "Informational Exchange message is missing its HASH(1); ignored");
            return;
        }
        Bytes rest = PayloadChain.encode(ps.subList(1, ps.size()));
        Bytes want = Ikev1Kdf.infoHash(p1.oakley.hash().prf(), p1.keys.skeyidA(), h.messageId(), rest);
        if (!want.constantTimeEquals(hash.hash())) {
            out.log(p1.prefix() + "received Informational HASH(1) does not match computed value; message ignored");
            return;
        }
        String unexpected = ps.size() == 1 ? "Informational Exchange message carries nothing after its HASH(1); ignored"
                : unexpectedPayload(ps.subList(1, ps.size()));
        if (unexpected != null) {
            out.log(p1.prefix() + unexpected);
            return;
        }
        for (Payload pl : ps.subList(1, ps.size())) {
            if (pl instanceof NotificationPayload n && (n.notifyType() == NotifyType.R_U_THERE.value()
                    || n.notifyType() == NotifyType.R_U_THERE_ACK.value())) {
                DeadPeer.received(core, p1, n);
            } else if (pl instanceof NotificationPayload n) {
                out.log(p1, "received notification " + NotifyType.nameOf(n.notifyType()));
            } else if (pl instanceof DeletePayload d) {
                delete(core, p1, d);
                if (core.states.get(p1.serial).isEmpty()) {
                    return;
                }
            }
        }
    }

    /**
     * RFC 2409 §5.7: an Informational exchange carries Notification and Delete payloads (Vendor IDs
     * are harmless); anything else voids the whole message. The reason, or null.
     */
    private static String unexpectedPayload(List<Payload> ps) {
        for (Payload pl : ps) {
            if (!(pl instanceof NotificationPayload || pl instanceof DeletePayload || pl instanceof VendorIdPayload)) {
                return "message ignored because it contains a payload type (" + PayloadType.nameOf(pl.type())
                        + ") unexpected in an Informational Exchange";
            }
        }
        return null;
    }

    /** An authenticated Delete: remove the SAs it names (IPsec by the SPI we send to; ISAKMP by cookies). */
    private static void delete(Core core, State p1, DeletePayload d) {
        if (d.protocolId() == ProtocolId.ISAKMP.value()) {
            // RFC 2408 §3.15: an ISAKMP SA is named by its two cookies; one line for the payload, not per SPI
            if (d.spiSize() != 16) {
                core.out.log(p1, "ignoring Delete SA payload: SPI size " + d.spiSize() + " is not 16 for ISAKMP");
                return;
            }
            for (Bytes spi : d.spis()) {
                if (spi.length() == 16 && spi.slice(0, 8).equals(p1.icookie) && spi.slice(8).equals(p1.rcookie)) {
                    core.out.log(p1, "received Delete SA payload: deleting ISAKMP State #" + p1.serial);
                    MainMode.deleteState(core, p1, null);
                    return;
                }
                core.out.log(p1, "ignoring Delete SA payload: ISAKMP SA not found (maybe expired)");
            }
            return;
        }
        if (d.protocolId() != ProtocolId.IPSEC_ESP.value() && d.protocolId() != ProtocolId.IPSEC_AH.value()) {
            core.out.log(p1, "ignoring Delete SA payload: protocol " + ProtocolId.nameOf(d.protocolId()) + " not handled");
            return;
        }
        if (d.spiSize() != 4) {
            core.out.log(p1, "ignoring Delete SA payload: SPI size " + d.spiSize() + " is not 4 for "
                    + ProtocolId.nameOf(d.protocolId()));
            return;
        }
        for (Bytes spi : d.spis()) {
            long value = spi.getU32(0);
            State victim = null;
            for (State st : core.states.all()) {
                if (!st.isPhase1() && st.peer.address().equals(p1.peer.address())
                        && st.ipsecSas.stream().anyMatch(sa -> sa.protocolId() == d.protocolId() && sa.peerSpi() == value)) {
                    victim = st;
                    break;
                }
            }
            if (victim == null) {
                core.out.log(p1, "ignoring Delete SA payload: " + ProtocolId.nameOf(d.protocolId())
                        + String.format(" SA(0x%08x) not found (maybe expired)", value));
                continue;
            }
            core.out.log(p1, "received Delete SA payload: deleting IPSEC State #" + victim.serial);
            MainMode.deleteState(core, victim, null);
        }
    }

    /**
     * Received N and VID payloads in other exchanges are logged by name; those the transition
     * does not act on (all but INITIAL_CONTACT in MI3) as ignored.
     */
    static void logNotifications(Core core, State st, Md md) {
        for (Payload pl : md.payloads()) {
            if (pl instanceof NotificationPayload n) {
                boolean used = n.notifyType() == NotifyType.INITIAL_CONTACT.value() && st.kind == StateKind.STATE_MAIN_R2;
                core.out.log(st, "received notification " + NotifyType.nameOf(n.notifyType())
                        + (used ? "" : " (ignored in " + st.kind.name() + ")"));
            } else if (pl instanceof VendorIdPayload v && core.out.dbg(org.jswan.ike.whack.Debug.PARSING)) {
                core.out.debug(st.prefix() + "received Vendor ID payload " + VendorIds.describe(v));
            }
        }
    }

    /**
     * After a refused message: a Main Mode responder answers its first message in the clear; a
     * Quick Mode responder answers inside the ISAKMP SA. Initiators stay silent, as pluto does.
     */
    static void notifyFailure(Core core, State st, Md md, NotifyType notify) {
        NotificationPayload n = new NotificationPayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), Bytes.EMPTY,
                notify.value(), Bytes.EMPTY);
        if (st.kind == StateKind.STATE_MAIN_R0) {
            IsakmpHeader h = new IsakmpHeader(st.icookie, st.rcookie, 0, 1, 0, ExchangeType.INFO.value(), 0, 0, 0);
            core.send(st.local, st.peer, new IsakmpMessage(h, List.of(n)).encode());
            return;
        }
        if (st.kind == StateKind.STATE_QUICK_R0) {
            core.states.get(st.phase1Serial).ifPresent(p1 -> send(core, p1, List.of(n)));
        }
    }

    /** Sends an encrypted Informational exchange: HDR*, HASH(1), payloads. */
    static void send(Core core, State p1, List<Payload> payloads) {
        if (p1.keys == null || p1.phase1Iv == null) {
            return;
        }
        long msgid = core.newMsgid(p1);
        Bytes hash = Ikev1Kdf.infoHash(p1.oakley.hash().prf(), p1.keys.skeyidA(), msgid, PayloadChain.encode(payloads));
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(hash));
        all.addAll(payloads);
        Core.Encrypted e = core.encodeEncrypted(p1, p1.icookie, p1.rcookie, ExchangeType.INFO.value(), msgid, all,
                core.phase2Iv(p1, msgid));
        core.send(p1.local, p1.peer, e.datagram());
    }

    /**
     * Tells the peer we are deleting an ISAKMP SA (Delete with the cookies as SPI, RFC 2408 §3.15).
     * FreeS/WAN: never sent (pluto(8) "not ISAKMP SA deletion"); jswan: sent at --terminate and
     * shutdown, because today's peers otherwise keep using a dead ISAKMP SA.
     */
    static void sendIsakmpDelete(Core core, State p1) {
        if (!p1.isPhase1() || !p1.kind.isIsakmpEstablished()) {
            return;
        }
        send(core, p1, List.of(new DeletePayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), 16,
                List.of(p1.icookie.concat(p1.rcookie)))));
    }

    /** Tells the peer we are deleting an IPsec SA: Delete with our inbound SPIs (pluto 2.x does this). */
    static void sendDelete(Core core, State st) {
        if (st.isPhase1() || !st.kind.isIpsecEstablished()) {
            return;
        }
        State p1 = core.states.get(st.phase1Serial).filter(s -> s.kind.isIsakmpEstablished())
                .or(() -> core.states.get(st.connection.newestIsakmpSa()).filter(s -> s.kind.isIsakmpEstablished()))
                .orElse(null);
        if (p1 == null) {
            return;
        }
        List<Payload> dels = new ArrayList<>();
        for (State.IpsecSa sa : st.ipsecSas) {
            if (sa.protocolId() == ProtocolId.IPCOMP.value()) {
                continue;
            }
            dels.add(new DeletePayload(Doi.IPSEC, sa.protocolId(), 4, List.of(Bytes.u32(sa.ourSpi()))));
        }
        for (Payload d : dels) {
            send(core, p1, List.of(d));
        }
    }
}
