package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Secret;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.DhPrivate;
import org.jswan.ike.crypto.Ikev1Kdf;
import org.jswan.ike.crypto.Prf;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.ike.spdb.IpsecTransform;
import org.jswan.ike.spdb.QuickModeSpdb;
import org.jswan.ike.spdb.Refusals;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.wire.EncapsulationMode;
import org.jswan.ike.wire.ExchangeType;
import org.jswan.ike.wire.HashPayload;
import org.jswan.ike.wire.IdPayload;
import org.jswan.ike.wire.KePayload;
import org.jswan.ike.wire.NoncePayload;
import org.jswan.ike.wire.NotifyType;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadChain;
import org.jswan.ike.wire.ProtocolId;
import org.jswan.ike.wire.SaPayload;

/**
 * Quick Mode (RFC 2409 §5.5) as pluto's {@code quick_outI1 … quick_inI2}: HASH(1..3), PFS in
 * the Phase 1 group, client IDs only when a client subnet is set, KEYMAT per SA direction.
 */
final class QuickMode {
    private QuickMode() {
    }

    /** Initiator: HDR*, HASH(1), SA, Ni [, KE ] [, IDci, IDcr ] --> (quick_outI1). */
    static State outI1(Core core, State p1, Connection c, long whack, long replacing) {
        State st = core.states.create(c, StateKind.STATE_QUICK_I1, true, p1.icookie, core.now);
        st.rcookie = p1.rcookie;
        st.local = p1.local;
        st.peer = p1.peer;
        st.phase1Serial = p1.serial;
        st.msgid = core.newMsgid(p1);
        st.whack = whack;
        st.replacing = replacing;
        st.iv = core.phase2Iv(p1, st.msgid);
        DhGroup pfs = c.hasPolicy(Policy.PFS) ? p1.oakley.group() : null;
        int encaps = NatTraversal.encapsulation(p1, c.hasPolicy(Policy.TUNNEL));
        st.ipsecOffer = QuickModeSpdb.offer(c.policy(), c.ipsecLifetime(), encaps, pfs, c.algorithms().esp());
        st.ourSpis = allocateSpis(core, st.ipsecOffer.keySet());
        st.ni = core.rng.bytes(MainMode.NONCE_SIZE);
        st.ourClient = c.this_().client();
        st.peerClient = c.that().client();
        st.sendIds = c.this_().hasClient() || c.that().hasClient();
        core.out.log(st, "initiating Quick Mode " + org.jswan.ike.whack.Policy.pretty(c.policy())
                + (replacing != 0 ? " to replace #" + replacing : "") + " {using isakmp#" + p1.serial + "}");
        if (pfs == null) {
            sendQi1(core, st, p1, null);
            return st;
        }
        DhPrivate x = pfs.generatePrivate(core.rng);
        st.dhPrivate = x;
        core.startJob(st, () -> pfs.publicValue(x), result -> {
            sendQi1(core, st, p1, (Bytes) result);
            return Step.IGNORE;
        });
        return st;
    }

    private static void sendQi1(Core core, State st, State p1, Bytes gi) {
        st.gi = gi;
        List<Payload> rest = new ArrayList<>();
        rest.add(QuickModeSpdb.encode(st.ipsecOffer, st.ourSpis));
        rest.add(new NoncePayload(st.ni));
        if (gi != null) {
            rest.add(new KePayload(gi));
        }
        if (st.sendIds) {
            rest.add(subnetId(st.ourClient));
            rest.add(subnetId(st.peerClient));
        }
        if (!st.connection.hasPolicy(Policy.TUNNEL)) {
            rest.addAll(NatTraversal.natOa(p1, st, true));
        }
        Bytes hash1 = Ikev1Kdf.qmHash1(prf(p1), p1.keys.skeyidA(), st.msgid, PayloadChain.encode(rest));
        sendEncrypted(core, st, p1, hash1, rest, st.iv);
        core.schedule(st, EventType.EVENT_RETRANSMIT, java.time.Duration.ofSeconds(10));
        core.out.progress(st, 100 + st.kind.value(), st.kind.name() + ": initiate");
    }

    /** HDR*, HASH(1), SA, Ni [, KE ] [, IDci, IDcr ] --> ; <-- HDR*, HASH(2), SA, Nr [, KE ] [, IDci, IDcr ]. */
    static Step inI1OutR1(Core core, State st, Md md) {
        State p1 = core.states.get(st.phase1Serial).orElse(null);
        if (p1 == null) {
            return Step.IGNORE;
        }
        Step bad = checkHash(core, st, p1, md, null);
        if (bad != null) {
            return bad;
        }
        // FreeS/WAN: reserve_msgid() before decrypting; jswan: once HASH(1) is good, so that garbage sent
        // with a Message ID the peer is about to use cannot lock the real QI1 out
        p1.usedMsgids.add(st.msgid); // a replay of this QI1 once its state is gone must not start another
        SaPayload sa = md.first(SaPayload.class);
        List<IdPayload> ids = md.all(IdPayload.class);
        Subnet peerClient = p1.connection.that().client();
        Subnet ourClient = p1.connection.this_().client();
        if (ids.size() == 2) {
            try {
                peerClient = subnetOf(ids.get(0));
                ourClient = subnetOf(ids.get(1));
            } catch (IllegalArgumentException e) {
                return Step.fail(NotifyType.INVALID_ID_INFORMATION, "Quick Mode ID payload is unusable: " + e.getMessage());
            }
            st.sendIds = true;
        } else if (!ids.isEmpty()) {
            return Step.fail(NotifyType.INVALID_ID_INFORMATION, "Quick Mode must carry no IDs or exactly two");
        }
        Optional<Connection> c = core.connections.findForQuickMode(p1.connection, ourClient, peerClient);
        if (c.isEmpty()) {
            return Step.fail(NotifyType.INVALID_ID_INFORMATION, "cannot respond to IPsec SA request because no connection"
                    + " is known for " + ourClient + "===" + p1.local.address() + "..." + p1.peer.address() + "==="
                    + peerClient);
        }
        Connection conn = c.get();
        if (conn.kind() == Connection.Kind.TEMPLATE) {
            conn = conn.instantiate(p1.peer.address(), p1.peer.port());
            core.connections.addInstance(conn);
        }
        st.connection = conn;
        st.ourClient = ourClient;
        st.peerClient = peerClient;
        Refusals why = new Refusals();
        Optional<QuickModeSpdb.Choice> choice = QuickModeSpdb.select(sa, conn.policy(), conn.hasPolicy(Policy.PFS),
                conn.algorithms().esp(), why);
        for (String line : why.lines()) {
            core.out.log(st, line);
        }
        if (choice.isEmpty()) {
            core.out.log(st, "no acceptable Proposal in IPsec SA: " + why.summary(QuickModeSpdb.labels(
                    QuickModeSpdb.offer(conn.policy(), conn.ipsecLifetime(), EncapsulationMode.TUNNEL.value(), null,
                            conn.algorithms().esp()))));
            return Step.fail(NotifyType.NO_PROPOSAL_CHOSEN, null);
        }
        st.ipsecChoice = choice.get();
        DhGroup pfs = st.ipsecChoice.pfsGroup();
        KePayload ke = md.first(KePayload.class);
        if (pfs != null && ke == null) {
            return Step.fail(NotifyType.INVALID_KEY_INFORMATION, "missing KE payload for PFS");
        }
        if (pfs == null && ke != null) {
            return Step.fail(NotifyType.INVALID_KEY_INFORMATION, "KE payload without a GROUP_DESCRIPTION in the SA");
        }
        if (ke != null && ke.keyData().length() != pfs.byteLength()) {
            return Step.fail(NotifyType.INVALID_KEY_INFORMATION, "KE has " + ke.keyData().length()
                    + " byte DH public value; " + pfs.byteLength() + " required");
        }
        Step outOfRange = ke == null ? null : MainMode.invalidPublicValue(pfs, ke.keyData());
        if (outOfRange != null) {
            return outOfRange;
        }
        st.ni = md.first(NoncePayload.class).nonce();
        if (st.ni.length() < 8 || st.ni.length() > 256) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "Ni length not between 8 and 256");
        }
        st.nr = core.rng.bytes(MainMode.NONCE_SIZE);
        Map<Integer, Bytes> spis = new LinkedHashMap<>();
        for (QuickModeSpdb.Chosen ch : st.ipsecChoice.protocols()) {
            spis.putAll(allocateSpis(core, List.of(ch.protocolId())));
        }
        st.ourSpis = spis;
        if (pfs == null) {
            return replyQr1(core, st, p1, md, sa, ids, null);
        }
        DhPrivate x = pfs.generatePrivate(core.rng);
        Bytes gi = ke.keyData();
        st.gi = gi;
        return new Step.Suspend(DhJobs.both(pfs, x, gi), result -> {
            if (!(result instanceof DhJobs.Both both)) {
                return DhJobs.failed(result);
            }
            st.gr = both.ourPublic();
            st.gxy = both.shared();
            return replyQr1(core, st, p1, md, sa, ids, both.ourPublic());
        });
    }

    private static Step replyQr1(Core core, State st, State p1, Md md, SaPayload offered, List<IdPayload> ids, Bytes gr) {
        List<Payload> rest = new ArrayList<>();
        rest.add(st.ipsecChoice.reply(offered, st.ourSpis));
        rest.add(new NoncePayload(st.nr));
        if (gr != null) {
            rest.add(new KePayload(gr));
        }
        rest.addAll(ids);
        boolean transport = st.ipsecChoice.protocols().stream()
                .anyMatch(ch -> !NatTraversal.isTunnel(ch.transform().encapsulation()));
        if (transport && st.ipsecChoice.protocols().stream()
                .anyMatch(ch -> NatTraversal.isUdpEncapsulation(ch.transform().encapsulation()))) {
            rest.addAll(NatTraversal.natOa(p1, st, false));
        }
        Bytes hash2 = Ikev1Kdf.qmHash2(prf(p1), p1.keys.skeyidA(), st.msgid, st.ni, PayloadChain.encode(rest));
        computeKeymat(core, st, p1, st.ipsecChoice);
        install(core, st, true);
        sendEncrypted(core, st, p1, hash2, rest, md.ivAfter());
        return Step.OK;
    }

    /** <-- HDR*, HASH(2), SA, Nr [, KE ] [, IDci, IDcr ] ; HDR*, HASH(3) --> (quick_inR1_outI2). */
    static Step inR1OutI2(Core core, State st, Md md) {
        State p1 = core.states.get(st.phase1Serial).orElse(null);
        if (p1 == null) {
            return Step.IGNORE;
        }
        Step bad = checkHash(core, st, p1, md, st.ni);
        if (bad != null) {
            return bad;
        }
        Refusals why = new Refusals();
        Optional<QuickModeSpdb.Choice> choice = QuickModeSpdb.checkReply(md.first(SaPayload.class), st.ipsecOffer, why);
        for (String line : why.lines()) {
            core.out.log(st, line);
        }
        if (choice.isEmpty()) {
            return Step.fail(NotifyType.NO_PROPOSAL_CHOSEN, "responder's IPsec proposal is not acceptable");
        }
        List<IdPayload> ids = md.all(IdPayload.class);
        if (st.sendIds) {
            try {
                if (ids.size() != 2 || !subnetOf(ids.get(0)).equals(st.ourClient)
                        || !subnetOf(ids.get(1)).equals(st.peerClient)) {
                    return Step.fail(NotifyType.INVALID_ID_INFORMATION, "IDci/IDcr in Quick Mode reply do not match ours");
                }
            } catch (IllegalArgumentException e) {
                return Step.fail(NotifyType.INVALID_ID_INFORMATION, "Quick Mode ID payload is unusable: " + e.getMessage());
            }
        } else if (!ids.isEmpty()) {
            // we sent none (host to host); some peers (charon) answer with their view of the hosts: accept that
            try {
                if (ids.size() != 2 || !subnetOf(ids.get(0)).equals(st.ourClient)
                        || !subnetOf(ids.get(1)).equals(st.peerClient)) {
                    return Step.fail(NotifyType.INVALID_ID_INFORMATION, "unexpected IDs in Quick Mode reply: we sent"
                            + " none and they are not our two hosts");
                }
            } catch (IllegalArgumentException e) {
                return Step.fail(NotifyType.INVALID_ID_INFORMATION, "Quick Mode ID payload is unusable: " + e.getMessage());
            }
        }
        st.ipsecChoice = choice.get();
        st.nr = md.first(NoncePayload.class).nonce();
        if (st.nr.length() < 8 || st.nr.length() > 256) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "Nr length not between 8 and 256");
        }
        DhGroup pfs = st.dhPrivate == null ? null : p1.oakley.group();
        KePayload ke = md.first(KePayload.class);
        if ((pfs == null) != (ke == null) || (pfs != null && st.ipsecChoice.pfsGroup() != pfs)) {
            return Step.fail(NotifyType.INVALID_KEY_INFORMATION, "PFS in the reply does not match our proposal");
        }
        if (pfs == null) {
            return finishI2(core, st, p1, md);
        }
        if (ke.keyData().length() != pfs.byteLength()) {
            return Step.fail(NotifyType.INVALID_KEY_INFORMATION, "KE has " + ke.keyData().length()
                    + " byte DH public value; " + pfs.byteLength() + " required");
        }
        Step outOfRange = MainMode.invalidPublicValue(pfs, ke.keyData());
        if (outOfRange != null) {
            return outOfRange;
        }
        DhPrivate x = st.dhPrivate;
        Bytes gr = ke.keyData();
        st.gr = gr;
        return new Step.Suspend(DhJobs.shared(pfs, x, gr), result -> {
            if (!(result instanceof Secret shared)) {
                return DhJobs.failed(result);
            }
            st.gxy = shared;
            return finishI2(core, st, p1, md);
        });
    }

    private static Step finishI2(Core core, State st, State p1, Md md) {
        computeKeymat(core, st, p1, st.ipsecChoice);
        Bytes hash3 = Ikev1Kdf.qmHash3(prf(p1), p1.keys.skeyidA(), st.msgid, st.ni, st.nr);
        Core.Encrypted e = core.encodeEncrypted(p1, st.icookie, st.rcookie, ExchangeType.QUICK.value(), st.msgid,
                List.of(new HashPayload(hash3)), md.ivAfter());
        st.iv = e.lastBlock();
        core.sendState(st, e.datagram());
        install(core, st, true);
        install(core, st, false);
        return Step.OK;
    }

    /** HDR*, HASH(3) --> (quick_inI2). */
    static Step inI2(Core core, State st, Md md) {
        State p1 = core.states.get(st.phase1Serial).orElse(null);
        if (p1 == null) {
            return Step.IGNORE;
        }
        HashPayload h = md.first(HashPayload.class);
        Bytes want = Ikev1Kdf.qmHash3(prf(p1), p1.keys.skeyidA(), st.msgid, st.ni, st.nr);
        if (md.payloads().size() != 1 || !want.constantTimeEquals(h.hash())) {
            return Step.fail(NotifyType.INVALID_HASH_INFORMATION, "received HASH(3) does not match computed value");
        }
        st.iv = md.ivAfter();
        install(core, st, false);
        return Step.OK;
    }

    /** HASH(1) or HASH(2) check: the first payload is HASH over M-ID [| Ni_b] | the rest of the message. */
    private static Step checkHash(Core core, State st, State p1, Md md, Bytes niForHash2) {
        if (!(md.payloads().get(0) instanceof HashPayload h)) {
            return Step.fail(NotifyType.INVALID_HASH_INFORMATION, "malformed Quick Mode message: does not start with a HASH payload");
        }
        if (md.all(HashPayload.class).size() != 1 || md.all(SaPayload.class).size() != 1
                || md.all(NoncePayload.class).size() != 1 || md.all(KePayload.class).size() > 1) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "Quick Mode message carries duplicated payloads");
        }
        Bytes rest = PayloadChain.encode(md.payloads().subList(1, md.payloads().size()));
        Bytes want = niForHash2 == null
                ? Ikev1Kdf.qmHash1(prf(p1), p1.keys.skeyidA(), st.msgid, rest)
                : Ikev1Kdf.qmHash2(prf(p1), p1.keys.skeyidA(), st.msgid, niForHash2, rest);
        if (!want.constantTimeEquals(h.hash())) {
            return Step.fail(NotifyType.INVALID_HASH_INFORMATION, "received " + (niForHash2 == null ? "HASH(1)" : "HASH(2)")
                    + " does not match computed value in Quick Mode");
        }
        return null;
    }

    private static void sendEncrypted(Core core, State st, State p1, Bytes hash, List<Payload> rest, Bytes iv) {
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(hash));
        all.addAll(rest);
        Core.Encrypted e = core.encodeEncrypted(p1, st.icookie, st.rcookie, ExchangeType.QUICK.value(), st.msgid, all, iv);
        st.iv = e.lastBlock();
        core.sendState(st, e.datagram());
    }

    /** KEYMAT for each SA and direction: inbound with our SPI, outbound with the peer's (RFC 2409 §5.5). */
    private static void computeKeymat(Core core, State st, State p1, QuickModeSpdb.Choice choice) {
        Prf prf = prf(p1);
        Bytes niB = st.ni;
        Bytes nrB = st.nr;
        st.ipsecSas.clear();
        for (QuickModeSpdb.Chosen ch : choice.protocols()) {
            IpsecTransform t = ch.transform();
            int len = keyLength(t);
            long our = st.ourSpis.get(ch.protocolId()).length() == 2 ? st.ourSpis.get(ch.protocolId()).getU16(0)
                    : st.ourSpis.get(ch.protocolId()).getU32(0);
            long peer = ch.peerSpi().length() == 2 ? ch.peerSpi().getU16(0) : ch.peerSpi().getU32(0);
            Secret in = Ikev1Kdf.keymat(prf, p1.keys.skeyidD(), st.gxy, ch.protocolId(), our, niB, nrB, Math.max(len, 1));
            Secret out = Ikev1Kdf.keymat(prf, p1.keys.skeyidD(), st.gxy, ch.protocolId(), peer, niB, nrB, Math.max(len, 1));
            st.ipsecSas.add(new State.IpsecSa(ch.protocolId(), our, peer, t, in, out));
            if (core.out.dbgPrivate(Debug.CRYPT)) {
                core.out.debug(st.prefix() + ProtocolId.nameOf(ch.protocolId()) + " KEYMAT in " + in.toDebugString()
                        + " out " + out.toDebugString());
            }
        }
    }

    static int keyLength(IpsecTransform t) {
        int n = 0;
        if (t.encryption() != null) {
            n += t.keyBits() / 8;
        }
        if (t.integrity() != null) {
            n += t.integrity().keyLength();
        }
        return n;
    }

    /** Ask the kernel bridge to install one direction's SAs. */
    static void install(Core core, State st, boolean inbound) {
        List<KernelRequest.SaSpec> specs = new ArrayList<>();
        boolean tunnel = false;
        for (State.IpsecSa sa : st.ipsecSas) {
            tunnel |= NatTraversal.isTunnel(sa.transform().encapsulation());
            specs.add(spec(st, sa, inbound));
        }
        if (specs.isEmpty()) {
            return;
        }
        if (tunnel) {
            // KLIPS's tunnel mode: an IPIP SA processed before the others (pluto kept its SPI in the state)
            long tun = core.spis.nextTunnelSpi();
            if (inbound) {
                st.tunnelInSpi = tun;
            } else {
                st.tunnelOutSpi = tun;
            }
            specs.add(0, tunnelSpec(st, inbound, tun));
        }
        KernelRequest.AddSas req = new KernelRequest.AddSas(st.connection.name(), st.serial, specs,
                inbound ? st.peerClient : st.ourClient, inbound ? st.ourClient : st.peerClient,
                st.connection.hasPolicy(Policy.DISABLEARRIVALCHECK));
        core.out.add(new Effect.Kernel(req));
        if (core.out.dbg(Debug.KLIPS)) {
            core.out.debug(st.prefix() + "kernel: " + req.describe() + (tunnel ? " (tunnel)" : ""));
        }
    }

    static void uninstall(Core core, State st) {
        List<KernelRequest.SaSpec> specs = new ArrayList<>();
        for (State.IpsecSa sa : st.ipsecSas) {
            specs.add(spec(st, sa, true));
            if (st.kind.isIpsecEstablished()) {
                specs.add(spec(st, sa, false));
            }
        }
        if (st.tunnelInSpi != 0) {
            specs.add(tunnelSpec(st, true, st.tunnelInSpi));
        }
        if (st.tunnelOutSpi != 0 && st.kind.isIpsecEstablished()) {
            specs.add(tunnelSpec(st, false, st.tunnelOutSpi));
        }
        core.out.add(new Effect.Kernel(new KernelRequest.DeleteSas(st.connection.name(), st.serial, specs)));
    }

    private static KernelRequest.SaSpec tunnelSpec(State st, boolean inbound, long spi) {
        IpAddress src = inbound ? st.peer.address() : st.local.address();
        IpAddress dst = inbound ? st.local.address() : st.peer.address();
        return new KernelRequest.SaSpec(KernelRequest.SaProto.IPIP, spi, src, dst, inbound, true, 0, null, 0, null, 0, 0);
    }

    private static KernelRequest.SaSpec spec(State st, State.IpsecSa sa, boolean inbound) {
        IpsecTransform t = sa.transform();
        KernelRequest.SaProto proto = sa.protocolId() == ProtocolId.IPSEC_ESP.value() ? KernelRequest.SaProto.ESP
                : sa.protocolId() == ProtocolId.IPSEC_AH.value() ? KernelRequest.SaProto.AH : KernelRequest.SaProto.IPCOMP;
        IpAddress src = inbound ? st.peer.address() : st.local.address();
        IpAddress dst = inbound ? st.local.address() : st.peer.address();
        boolean tunnel = NatTraversal.isTunnel(t.encapsulation());
        boolean udp = NatTraversal.isUdpEncapsulation(t.encapsulation());
        int encAlg = t.encryption() != null ? t.encryption().pfkeyId() : 0;
        int intAlg = t.integrity() != null ? t.integrity().pfkeyId() : 0;
        // KEYMAT is cut as KLIPS expects it: the cipher key first, then the integrity key
        Secret keymat = inbound ? sa.inKey() : sa.outKey();
        int encLen = t.encryption() != null ? t.keyBits() / 8 : 0;
        Secret encKey = encLen > 0 ? Ikev1Kdf.split(keymat, 0, encLen) : null;
        Secret intKey = t.integrity() != null
                ? Ikev1Kdf.split(keymat, encLen, encLen + t.integrity().keyLength()) : null;
        int srcPort = udp ? (inbound ? st.peer.port() : st.local.port()) : 0;
        int dstPort = udp ? (inbound ? st.local.port() : st.peer.port()) : 0;
        return new KernelRequest.SaSpec(proto, inbound ? sa.ourSpi() : sa.peerSpi(), src, dst, inbound, tunnel,
                encAlg, encKey, intAlg, intKey, srcPort, dstPort);
    }

    /** After QUICK_I2 / QUICK_R2: bookkeeping, the 004 line, whack released. */
    static void established(Core core, State st) {
        st.established = core.now;
        Connection c = st.connection;
        c.setNewestIpsecSa(st.serial);
        Routing.ipsecUp(core, st);
        StringBuilder sas = new StringBuilder();
        for (State.IpsecSa sa : st.ipsecSas) {
            String p = sa.protocolId() == ProtocolId.IPSEC_ESP.value() ? "ESP"
                    : sa.protocolId() == ProtocolId.IPSEC_AH.value() ? "AH" : "IPCOMP";
            sas.append(sas.length() == 0 ? "" : " ").append(p).append(String.format("=>0x%08x <0x%08x ", sa.peerSpi(),
                    sa.ourSpi())).append(sa.transform().label());
        }
        core.out.log(st, st.kind.story() + (st.ipsecChoice != null && st.ipsecChoice.pfsGroup() != null
                ? " {" + sas + " PFS=" + st.ipsecChoice.pfsGroup().name() + "}" : " {" + sas + "}"));
        core.out.progress(st, 4, st.kind.name() + ": " + st.kind.story());
        Lifecycle.afterIpsecEstablished(core, st);
        if (st.whack >= 0) {
            core.out.whackDone(st.whack);
            st.whack = -1;
        }
    }

    private static Map<Integer, Bytes> allocateSpis(Core core, Iterable<Integer> protocols) {
        Map<Integer, Bytes> out = new LinkedHashMap<>();
        for (int proto : protocols) {
            if (proto == ProtocolId.IPCOMP.value()) {
                out.put(proto, Bytes.u16(core.spis.nextCpi()));
            } else {
                out.put(proto, IpsecSpis.spiBytes(core.spis.nextSpi()));
            }
        }
        return out;
    }

    /** IDci / IDcr for a client: ID_IPV4_ADDR_SUBNET (or IPv6) with network then mask, protocol and port 0. */
    static IdPayload subnetId(Subnet s) {
        return IdPayload.ofSubnet(s, 0, 0);
    }

    /**
     * A Quick Mode client ID as a subnet ({@link IdPayload#subnet()}). FreeS/WAN cleared host bits
     * set in a subnet ID; jswan refuses them, as it always has (a peer that sends them is confused).
     */
    static Subnet subnetOf(IdPayload id) {
        Subnet s;
        try {
            s = id.subnet();
        } catch (org.jswan.ike.wire.MalformedMessageException e) {
            throw new IllegalArgumentException(e.detail());
        }
        int n = s.network().bytes().length();
        if (id.data().length() == 2 * n && !id.data().slice(0, n).equals(s.network().bytes())) {
            throw new IllegalArgumentException("improper subnet " + new IpAddress(id.data().slice(0, n)) + "/"
                    + s.prefixLength() + ": host-part bits on");
        }
        return s;
    }

    static Prf prf(State p1) {
        return p1.oakley.hash().prf();
    }
}
