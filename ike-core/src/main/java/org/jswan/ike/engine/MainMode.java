package org.jswan.ike.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.Secret;
import org.jswan.ike.conn.Id;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.DhPrivate;
import org.jswan.ike.crypto.Ikev1Kdf;
import org.jswan.ike.crypto.InvalidPublicValueException;
import org.jswan.ike.crypto.Prf;
import org.jswan.ike.spdb.MainModeSpdb;
import org.jswan.ike.spdb.OakleyTransform;
import org.jswan.ike.spdb.Refusals;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.wire.ExchangeType;
import org.jswan.ike.wire.HashPayload;
import org.jswan.ike.wire.IdPayload;
import org.jswan.ike.wire.KePayload;
import org.jswan.ike.wire.NoncePayload;
import org.jswan.ike.wire.NotifyType;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadChain;
import org.jswan.ike.wire.SaPayload;
import org.jswan.ike.wire.SigPayload;
import org.jswan.ike.secrets.RsaPrivateKey;

/**
 * Main Mode (RFC 2409 §5, identity protection) with pre-shared keys, as pluto's
 * {@code main_outI1 … main_inR3}. Each handler returns a {@link Step}; DH work is suspended
 * into crypto jobs.
 */
final class MainMode {
    private MainMode() {
    }

    /** FreeS/WAN: MAIN_R1/R2 retransmit on a timer; jswan discards an abandoned responder state instead. */
    static final Duration RESPONDER_DISCARD = Duration.ofSeconds(70);
    static final int NONCE_SIZE = 16;

    /** Initiator: HDR, SA --> (main_outI1). */
    static State outI1(Core core, Connection c, long whack, long replacing, int tries) {
        State st = core.states.create(c, StateKind.STATE_MAIN_I1, true, core.cookie(c.that().host(), null), core.now);
        st.local = new Endpoint(c.this_().host(), c.this_().hostPort());
        st.peer = new Endpoint(c.that().host(), c.that().hostPort());
        st.whack = whack;
        st.tries = tries;
        st.replacing = replacing;
        st.offered = MainModeSpdb.proposal(c.policy(), c.ikeLifetime(), c.algorithms().ike());
        SaPayload sa = MainModeSpdb.encode(st.offered);
        st.saiBody = bodyOf(sa);
        List<Payload> ps = new ArrayList<>();
        ps.add(sa);
        ps.addAll(VendorIds.ours());
        ps.addAll(NatTraversal.vendorIds(core));
        core.out.log(st, "initiating Main Mode" + (replacing != 0 ? " to replace #" + replacing : ""));
        core.sendState(st, core.encodeClear(st, ExchangeType.IDPROT.value(), 0, ps));
        core.schedule(st, EventType.EVENT_RETRANSMIT, Duration.ofSeconds(10));
        core.out.progress(st, 100 + st.kind.value(), st.kind.name() + ": initiate"
                + (replacing != 0 ? ", replacing #" + replacing : ""));
        return st;
    }

    /** HDR, SA --> ; <-- HDR, SA (main_inI1_outR1). */
    static Step inI1OutR1(Core core, State st, Md md) {
        if (!(md.payloads().get(0) instanceof SaPayload sa)) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "malformed Phase 1 message: does not start with an SA payload");
        }
        if (md.all(SaPayload.class).size() != 1) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "Phase 1 message must contain exactly one SA payload");
        }
        Connection c = st.connection;
        Refusals why = new Refusals();
        Optional<MainModeSpdb.Choice> choice = MainModeSpdb.select(sa, c.policy(),
                auth -> auth == OakleyTransform.AUTH_PSK ? findPsk(core, c).isPresent() : findRsa(core, c).isPresent(),
                c.algorithms().ike(), why);
        for (String line : why.lines()) {
            core.out.log(st, line);
        }
        if (choice.isEmpty()) {
            core.out.log(st, "no acceptable Oakley Transform: " + why.summary(
                    MainModeSpdb.labels(MainModeSpdb.proposal(c.policy(), c.ikeLifetime(), c.algorithms().ike()))));
            return Step.fail(NotifyType.NO_PROPOSAL_CHOSEN, null);
        }
        st.oakley = choice.get().transform();
        st.saiBody = bodyOf(sa);
        st.rcookie = core.cookie(st.peer.address(), st.icookie);
        NatTraversal.chooseMethod(core, st, md);
        DeadPeer.noteVendorIds(st, md);
        List<Payload> ps = new ArrayList<>();
        ps.add(choice.get().reply());
        ps.addAll(VendorIds.ours());
        ps.addAll(NatTraversal.replyVendorIds(st));
        core.sendState(st, core.encodeClear(st, ExchangeType.IDPROT.value(), 0, ps));
        return Step.OK;
    }

    /** <-- HDR, SA ; HDR, KE, Ni --> (main_inR1_outI2). */
    static Step inR1OutI2(Core core, State st, Md md) {
        SaPayload sa = md.first(SaPayload.class);
        Refusals why = new Refusals();
        Optional<OakleyTransform> t = MainModeSpdb.checkReply(sa, st.connection.policy(), why);
        for (String line : why.lines()) {
            core.out.log(st, line);
        }
        if (t.isEmpty()) {
            return Step.fail(NotifyType.NO_PROPOSAL_CHOSEN, "responder's Oakley Transform is not acceptable");
        }
        // FreeS/WAN: "does not check that the SA returned by the Responder is actually one that was
        // proposed" (pluto(8) BUGS); jswan does, since an unoffered choice means a confused or hostile peer.
        if (st.offered.stream().noneMatch(o -> MainModeSpdb.sameSuite(o, t.get()) && o.authMethod() == t.get().authMethod())) {
            return Step.fail(NotifyType.NO_PROPOSAL_CHOSEN, "responder chose " + t.get().label()
                    + ", which we did not propose");
        }
        st.oakley = t.get();
        st.rcookie = md.header().responderCookie();
        NatTraversal.chooseMethod(core, st, md);
        DeadPeer.noteVendorIds(st, md);
        DhGroup g = st.oakley.group();
        DhPrivate x = g.generatePrivate(core.rng);
        st.dhPrivate = x;
        st.ni = core.rng.bytes(NONCE_SIZE);
        return new Step.Suspend(() -> g.publicValue(x), result -> {
            st.gi = (Bytes) result;
            List<Payload> ps = new ArrayList<>(List.of(new KePayload(st.gi), new NoncePayload(st.ni)));
            ps.addAll(NatTraversal.natDPayloads(core, st));
            core.sendState(st, core.encodeClear(st, ExchangeType.IDPROT.value(), 0, ps));
            return Step.OK;
        });
    }

    /** HDR, KE, Ni --> ; <-- HDR, KE, Nr (main_inI2_outR2). */
    static Step inI2OutR2(Core core, State st, Md md) {
        Step bad = checkKeAndNonce(st, md, "Ni");
        if (bad != null) {
            return bad;
        }
        Step noKey = checkOwnKey(core, st);
        if (noKey != null) {
            return noKey;
        }
        Optional<Secret> psk = findPsk(core, st.connection);
        st.gi = md.first(KePayload.class).keyData();
        st.ni = md.first(NoncePayload.class).nonce();
        st.nr = core.rng.bytes(NONCE_SIZE);
        NatTraversal.detect(core, st, md);
        DhGroup g = st.oakley.group();
        DhPrivate x = g.generatePrivate(core.rng);
        st.dhPrivate = x;
        Bytes gi = st.gi;
        return new Step.Suspend(DhJobs.both(g, x, gi), result -> {
            if (!(result instanceof DhJobs.Both both)) {
                return DhJobs.failed(result);
            }
            st.gr = both.ourPublic();
            st.gxy = both.shared();
            deriveKeys(core, st, psk.orElse(null));
            List<Payload> ps = new ArrayList<>(List.of(new KePayload(st.gr), new NoncePayload(st.nr)));
            ps.addAll(NatTraversal.natDPayloads(core, st));
            core.sendState(st, core.encodeClear(st, ExchangeType.IDPROT.value(), 0, ps));
            return Step.OK;
        });
    }

    /** <-- HDR, KE, Nr ; HDR*, IDii, HASH_I --> (main_inR2_outI3). */
    static Step inR2OutI3(Core core, State st, Md md) {
        Step bad = checkKeAndNonce(st, md, "Nr");
        if (bad != null) {
            return bad;
        }
        Step noKey = checkOwnKey(core, st);
        if (noKey != null) {
            return noKey;
        }
        Optional<Secret> psk = findPsk(core, st.connection);
        st.gr = md.first(KePayload.class).keyData();
        st.nr = md.first(NoncePayload.class).nonce();
        NatTraversal.detect(core, st, md);
        DhGroup g = st.oakley.group();
        DhPrivate x = st.dhPrivate;
        Bytes gr = st.gr;
        return new Step.Suspend(DhJobs.shared(g, x, gr), result -> {
            if (!(result instanceof Secret shared)) {
                return DhJobs.failed(result);
            }
            st.gxy = shared;
            deriveKeys(core, st, psk.orElse(null));
            NatTraversal.floatPorts(core, st);
            Id us = core.ourId(st.connection);
            IdPayload id = new IdPayload(us.wireType(), 0, 0, us.wireData());
            Bytes hashI = Ikev1Kdf.hashI(prf(st), st.keys.skeyid(), st.gi, st.gr, st.icookie, st.rcookie, st.saiBody,
                    bodyOf(id));
            if (st.oakley.authMethod() == OakleyTransform.AUTH_PSK) {
                // HDR*, IDii, HASH_I [, N(INITIAL_CONTACT)] -->
                sendMi3(core, st, withInitialContact(core, st, List.of(id, new HashPayload(hashI))));
                return Step.OK;
            }
            RsaPrivateKey key = findRsa(core, st.connection).orElseThrow();
            // HDR*, IDii, SIG_I [, N(INITIAL_CONTACT)] -->
            return new Step.Suspend(() -> RsaAuth.sign(key, hashI), sig -> {
                sendMi3(core, st, withInitialContact(core, st, List.of(id, new SigPayload((Bytes) sig))));
                return Step.OK;
            });
        });
    }

    /**
     * RFC 2407 §4.6.3.3: INITIAL_CONTACT when we hold no other ISAKMP SA with this peer, so that a
     * peer which still has SAs from our previous life throws them away.
     */
    private static List<Payload> withInitialContact(Core core, State st, List<Payload> ps) {
        boolean others = core.states.all().stream().anyMatch(o -> o != st && o.isPhase1() && o.peer != null
                && o.peer.address().equals(st.peer.address()));
        if (others) {
            return ps;
        }
        st.sentInitialContact = true;
        List<Payload> out = new ArrayList<>(ps);
        out.add(new org.jswan.ike.wire.NotificationPayload(org.jswan.ike.wire.Doi.IPSEC,
                org.jswan.ike.wire.ProtocolId.ISAKMP.value(), st.icookie.concat(st.rcookie),
                NotifyType.INITIAL_CONTACT.value(), Bytes.EMPTY));
        return out;
    }

    private static void sendMi3(Core core, State st, List<Payload> ps) {
        Core.Encrypted e = core.encodeEncrypted(st, st.icookie, st.rcookie, ExchangeType.IDPROT.value(), 0, ps, st.iv);
        st.iv = e.lastBlock();
        core.sendState(st, e.datagram());
    }

    /** HDR*, IDii, HASH_I (or SIG_I) --> ; <-- HDR*, IDir, HASH_R (or SIG_R) (main_inI3_outR3). */
    static Step inI3OutR3(Core core, State st, Md md) {
        st.peerInitialContact = md.all(org.jswan.ike.wire.NotificationPayload.class).stream()
                .anyMatch(n -> n.notifyType() == NotifyType.INITIAL_CONTACT.value());
        Step bad = checkPeerId(core, st, md, true);
        if (bad != null) {
            return bad;
        }
        Id us = core.ourId(st.connection);
        IdPayload id = new IdPayload(us.wireType(), 0, 0, us.wireData());
        Bytes hashR = Ikev1Kdf.hashR(prf(st), st.keys.skeyid(), st.gi, st.gr, st.icookie, st.rcookie, st.saiBody,
                bodyOf(id));
        Bytes ivIn = md.ivAfter();
        if (st.oakley.authMethod() == OakleyTransform.AUTH_PSK) {
            bad = checkPskHash(core, st, md, true);
            if (bad != null) {
                return bad;
            }
            sendMr3(core, st, List.of(id, new HashPayload(hashR)), ivIn);
            return Step.OK;
        }
        Optional<RsaPrivateKey> key = findRsa(core, st.connection);
        if (key.isEmpty()) {
            return Step.fail(NotifyType.AUTHENTICATION_FAILED, "unable to locate my private key for RSA Signature");
        }
        Step.Suspend verify = rsaVerify(core, st, md, true, sigOk -> new Step.Suspend(
                () -> RsaAuth.sign(key.get(), hashR), sig -> {
                    // <-- HDR*, IDir, SIG_R
                    sendMr3(core, st, List.of(id, new SigPayload((Bytes) sig)), ivIn);
                    return Step.OK;
                }));
        return verify == null ? Step.fail(NotifyType.INVALID_KEY_INFORMATION, "no RSA public key known for '"
                + st.peerId + "'") : verify;
    }

    private static void sendMr3(Core core, State st, List<Payload> ps, Bytes ivIn) {
        Core.Encrypted e = core.encodeEncrypted(st, st.icookie, st.rcookie, ExchangeType.IDPROT.value(), 0, ps, ivIn);
        st.iv = e.lastBlock();
        st.phase1Iv = st.iv;
        core.sendState(st, e.datagram());
    }

    /** <-- HDR*, IDir, HASH_R (or SIG_R) (main_inR3). */
    static Step inR3(Core core, State st, Md md) {
        Step bad = checkPeerId(core, st, md, false);
        if (bad != null) {
            return bad;
        }
        if (st.oakley.authMethod() == OakleyTransform.AUTH_PSK) {
            bad = checkPskHash(core, st, md, false);
            if (bad != null) {
                return bad;
            }
            st.iv = md.ivAfter();
            st.phase1Iv = st.iv;
            return Step.OK;
        }
        Step.Suspend verify = rsaVerify(core, st, md, false, ok -> {
            st.iv = md.ivAfter();
            st.phase1Iv = st.iv;
            return Step.OK;
        });
        return verify == null ? Step.fail(NotifyType.INVALID_KEY_INFORMATION, "no RSA public key known for '"
                + st.peerId + "'") : verify;
    }

    /**
     * The SIG check as a crypto job: every key known for the peer's id is tried; on success
     * {@code then} continues (it may suspend again, e.g. to sign our reply). Null when no key is known.
     */
    private static Step.Suspend rsaVerify(Core core, State st, Md md, boolean responder, State.Resume then) {
        SigPayload sig = md.first(SigPayload.class);
        List<org.jswan.ike.secrets.RsaPublicKey> keys = core.publicKeys.find(st.peerId);
        if (keys.isEmpty()) {
            return null;
        }
        IdPayload idp = md.first(IdPayload.class);
        Bytes hash = responder
                ? Ikev1Kdf.hashI(prf(st), st.keys.skeyid(), st.gi, st.gr, st.icookie, st.rcookie, st.saiBody, bodyOf(idp))
                : Ikev1Kdf.hashR(prf(st), st.keys.skeyid(), st.gi, st.gr, st.icookie, st.rcookie, st.saiBody, bodyOf(idp));
        String peer = st.peer.address().toString();
        return new Step.Suspend(() -> RsaAuth.verify(keys, hash, sig.signature(), peer), result -> {
            RsaAuth.Check c = (RsaAuth.Check) result;
            if (!c.ok()) {
                return Step.fail(c.failure(), c.detail());
            }
            core.out.log(st, c.detail());
            return then.apply(c);
        });
    }

    /** The peer's ID payload: well formed, the one the connection wants (a responder may switch, pluto(8) RW support). */
    private static Step checkPeerId(Core core, State st, Md md, boolean responder) {
        IdPayload idp = md.first(IdPayload.class);
        boolean psk = st.oakley.authMethod() == OakleyTransform.AUTH_PSK;
        if (md.all(IdPayload.class).size() != 1) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "Main Mode message must carry exactly one ID payload");
        }
        int auths = psk ? md.all(HashPayload.class).size() : md.all(SigPayload.class).size();
        if (auths == 0) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "message for " + st.kind.name() + " is missing payloads "
                    + (psk ? "HASH" : "SIG"));
        }
        if (auths > 1) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "Main Mode message must carry exactly one "
                    + (psk ? "HASH" : "SIG") + " payload");
        }
        Id peer;
        try {
            peer = Id.fromWire(idp.idType(), idp.data());
        } catch (Exception e) {
            return Step.fail(NotifyType.INVALID_ID_INFORMATION, "peer's ID payload is malformed: " + e.getMessage());
        }
        st.peerId = peer;
        if (responder) {
            ConnectionSwitch.Result r = ConnectionSwitch.refine(core, st, peer, st.psk);
            if (r.connection() == null) {
                for (String line : r.refusals()) {
                    core.out.log(st, "no suitable connection: " + line);
                }
                return Step.fail(NotifyType.INVALID_ID_INFORMATION, "no suitable connection for peer '" + peer + "'");
            }
            if (r.connection() != st.connection) {
                Connection old = st.connection;
                core.out.log(st, "switched from " + old.displayName() + " to " + r.connection().displayName());
                st.connection = r.connection();
                if (old.kind() == Connection.Kind.INSTANCE && core.states.ofConnection(old).isEmpty()) {
                    core.connections.removeInstance(old);
                }
            }
            return null;
        }
        Id expected = st.connection.that().id();
        if (expected.kind() != Id.Kind.NONE && !expected.matches(peer)) {
            return Step.fail(NotifyType.INVALID_ID_INFORMATION, "we require peer to have ID '" + expected
                    + "', but peer declares '" + peer + "'");
        }
        return null;
    }

    private static Step checkPskHash(Core core, State st, Md md, boolean responder) {
        HashPayload hash = md.first(HashPayload.class);
        Bytes idBody = bodyOf(md.first(IdPayload.class));
        Bytes want = responder
                ? Ikev1Kdf.hashI(prf(st), st.keys.skeyid(), st.gi, st.gr, st.icookie, st.rcookie, st.saiBody, idBody)
                : Ikev1Kdf.hashR(prf(st), st.keys.skeyid(), st.gi, st.gr, st.icookie, st.rcookie, st.saiBody, idBody);
        if (!want.constantTimeEquals(hash.hash())) {
            return Step.fail(NotifyType.INVALID_HASH_INFORMATION, "received Hash Payload does not match computed value");
        }
        if (core.out.dbg(Debug.CRYPT)) {
            core.out.debug(st.prefix() + (responder ? "HASH_I" : "HASH_R") + " verified");
        }
        return null;
    }

    /** Do we have our own key for the chosen method? (PSK by our and the peer's id, RSA by our id.) */
    private static Step checkOwnKey(Core core, State st) {
        if (st.oakley.authMethod() == OakleyTransform.AUTH_PSK) {
            if (findPsk(core, st.connection).isEmpty()) {
                return Step.fail(NotifyType.AUTHENTICATION_FAILED, "Can't authenticate: no preshared key found for `"
                        + core.ourId(st.connection) + "' and `" + core.peerIdForSecrets(st.connection) + "'");
            }
        } else if (findRsa(core, st.connection).isEmpty()) {
            return Step.fail(NotifyType.AUTHENTICATION_FAILED, "unable to locate my private key for RSA Signature");
        }
        return null;
    }

    private static Step checkKeAndNonce(State st, Md md, String nonceName) {
        if (md.all(KePayload.class).size() != 1 || md.all(NoncePayload.class).size() != 1) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, "message must carry exactly one KE and one Nonce payload");
        }
        Bytes ke = md.first(KePayload.class).keyData();
        int want = st.oakley.group().byteLength();
        if (ke.length() != want) {
            return Step.fail(NotifyType.INVALID_KEY_INFORMATION, "KE has " + ke.length() + " byte DH public value; "
                    + want + " required");
        }
        Step outOfRange = invalidPublicValue(st.oakley.group(), ke);
        if (outOfRange != null) {
            return outOfRange;
        }
        int n = md.first(NoncePayload.class).nonce().length();
        if (n < 8 || n > 256) {
            return Step.fail(NotifyType.PAYLOAD_MALFORMED, nonceName + " length not between 8 and 256");
        }
        return null;
    }

    /**
     * The range check 1 &lt; y &lt; p-1 of a peer's public value, made before any crypto job is
     * scheduled, so that a bad value costs no exponentiation: INVALID_KEY_INFORMATION, or null.
     */
    static Step invalidPublicValue(DhGroup g, Bytes y) {
        try {
            g.validatePublicValue(y);
            return null;
        } catch (InvalidPublicValueException e) {
            return Step.fail(NotifyType.INVALID_KEY_INFORMATION, "invalid KE payload: " + e.getMessage());
        }
    }

    /** SKEYID (PSK: prf(pre-shared-key, Ni_b | Nr_b)), SKEYID_d/a/e, the cipher key and the first IV. */
    static void deriveKeys(Core core, State st, Secret psk) {
        Prf prf = prf(st);
        // PSK: SKEYID = prf(pre-shared-key, Ni_b | Nr_b); signatures: SKEYID = prf(Ni_b | Nr_b, g^xy)
        Secret skeyid = st.oakley.authMethod() == OakleyTransform.AUTH_PSK
                ? Ikev1Kdf.skeyidPsk(prf, psk, st.ni, st.nr) : Ikev1Kdf.skeyidSig(prf, st.ni, st.nr, st.gxy);
        st.psk = psk;
        st.keys = Ikev1Kdf.derivePhase1(prf, skeyid, st.gxy, st.icookie, st.rcookie, st.oakley.encryption(),
                st.oakley.keyBits());
        st.iv = Ikev1Kdf.phase1Iv(st.oakley.hash(), st.gi, st.gr, st.oakley.encryption().blockSize());
        if (core.out.dbgPrivate(Debug.CRYPT)) {
            core.out.debug(st.prefix() + "g^xy " + st.gxy.toDebugString());
            core.out.debug(st.prefix() + "SKEYID " + st.keys.skeyid().toDebugString());
            core.out.debug(st.prefix() + "SKEYID_d " + st.keys.skeyidD().toDebugString());
            core.out.debug(st.prefix() + "SKEYID_a " + st.keys.skeyidA().toDebugString());
            core.out.debug(st.prefix() + "SKEYID_e " + st.keys.skeyidE().toDebugString());
            core.out.debug(st.prefix() + "enc key " + st.keys.encryptionKey().toDebugString());
        } else if (core.out.dbg(Debug.CRYPT)) {
            core.out.debug(st.prefix() + "SKEYID and its derivatives computed (values shown with --debug-private)");
        }
        if (core.out.dbg(Debug.CRYPT)) {
            core.out.debug(st.prefix() + "IV: " + st.iv.toHex());
        }
    }

    static Prf prf(State st) {
        return st.oakley.hash().prf();
    }

    static Optional<Secret> findPsk(Core core, Connection c) {
        return core.secrets.findPsk(core.ourId(c), core.peerIdForSecrets(c));
    }

    static Optional<RsaPrivateKey> findRsa(Core core, Connection c) {
        return core.secrets.findRsaPrivate(core.ourId(c));
    }

    /** A payload's body: its encoding without the 4-byte generic header (SAi_b, IDii_b). */
    static Bytes bodyOf(Payload p) {
        return PayloadChain.encode(List.of(p)).slice(4);
    }


    /** Progress line after a transition, and what follows an established ISAKMP SA. */
    static void announce(Core core, State st, StateKind from) {
        Out out = core.out;
        if (st.kind.isIsakmpEstablished()) {
            st.established = core.now;
            Connection c = st.connection;
            c.setNewestIsakmpSa(st.serial);
            out.log(st, "ISAKMP SA established {auth=" + (st.oakley.authMethod() == OakleyTransform.AUTH_PSK
                    ? "PRESHARED_KEY" : "RSA_SIG") + " cipher=" + st.oakley.label() + "}");
            out.progress(st, 4, st.kind.name() + ": " + st.kind.story());
            NatTraversal.startKeepalives(core, st);
            DeadPeer.start(core, st);
            Lifecycle.afterIsakmpEstablished(core, st);
            if (st.initiator) {
                startPendingPhase2(core, st);
            }
            return;
        }
        if (st.kind.isIpsecEstablished()) {
            QuickMode.established(core, st);
            return;
        }
        out.progress(st, st.kind.progressRc(), st.kind.name() + ": " + st.kind.story());
    }

    private static void startPendingPhase2(Core core, State p1) {
        List<Core.Pending> waiting = core.pendingPhase2.remove(p1.serial);
        Connection c = p1.connection;
        long whack = p1.whack;
        p1.whack = -1;
        if (waiting == null || waiting.isEmpty()) {
            if (c.isIsakmpOnly() || p1.replacing != 0) {
                if (whack >= 0) {
                    core.out.whackDone(whack);
                }
                return;
            }
            QuickMode.outI1(core, p1, c, whack, 0);
            return;
        }
        boolean first = true;
        for (Core.Pending p : waiting) {
            QuickMode.outI1(core, p1, p.connection(), first && p.whack() < 0 ? whack : p.whack(), p.replacing());
            first = false;
        }
    }

    /** Deletes a state (pluto's delete_state): timers, whack, kernel SAs, connection bookkeeping. */
    static void deleteState(Core core, State st, String why) {
        if (core.states.get(st.serial).isEmpty()) {
            return;
        }
        if (why != null) {
            core.out.log(st, why);
        }
        core.timers.cancel(st);
        core.states.remove(st);
        core.pendingRows.remove(st.serial);
        if (st.pendingJob != 0) {
            core.jobs.remove(st.pendingJob);
            core.jobOwner.remove(st.pendingJob);
        }
        if (st.whack >= 0) {
            core.out.whackDone(st.whack);
            st.whack = -1;
        }
        Connection c = st.connection;
        if (st.kind.isIpsecEstablished()) {
            Routing.ipsecDown(core, st);
        }
        if (!st.ipsecSas.isEmpty()) {
            QuickMode.uninstall(core, st);
        }
        if (c.newestIsakmpSa() == st.serial) {
            c.setNewestIsakmpSa(0);
        }
        if (c.newestIpsecSa() == st.serial) {
            c.setNewestIpsecSa(0);
        }
        if (c.erouteOwner() == st.serial) {
            c.setErouteOwner(0);
        }
        st.forgetSecrets();
        if (c.kind() == Connection.Kind.INSTANCE && core.states.ofConnection(c).isEmpty()) {
            core.connections.removeInstance(c);
        }
    }
}
