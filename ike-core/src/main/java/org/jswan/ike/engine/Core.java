package org.jswan.ike.engine;

import java.util.Optional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Rng;
import org.jswan.ike.conn.Id;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.connection.ConnectionDb;
import org.jswan.ike.crypto.IkeCipher;
import org.jswan.ike.secrets.SecretsTable;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.IsakmpMessage;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadChain;

/**
 * Everything one engine knows, shared by its handlers: configuration, randomness, the
 * connection and state tables, timers, secrets, interfaces, and the effect collector of the
 * input being handled. One per {@link Engine}; never static.
 */
final class Core {
    final EngineConfig config;
    final Rng rng;
    final ConnectionDb connections = new ConnectionDb();
    final StateTable states = new StateTable();
    final Timers timers = new Timers();
    final Map<Long, State.Resume> jobs = new HashMap<>();
    final Map<Long, Long> jobOwner = new HashMap<>();
    /** Transitions suspended on a crypto job, by state serial. */
    final Map<Long, Demux.Pending> pendingRows = new HashMap<>();
    /** Quick Modes waiting for their ISAKMP SA: phase 1 serial → connections with their whacks. */
    final Map<Long, List<Pending>> pendingPhase2 = new LinkedHashMap<>();
    final IpsecSpis spis;
    final CookieSecret cookies;
    final PublicKeys publicKeys = new PublicKeys();
    SecretsTable secrets = SecretsTable.empty();
    /** ipsec.secrets as read; {@link #secrets} is this with %myid indices replaced by --myid. */
    SecretsTable secretsAsRead = SecretsTable.empty();
    List<ConnectionDb.Iface> interfaces = new ArrayList<>();
    boolean listening;
    Id myId;
    long debugging;
    long nextJob = 1;
    MonoTime now = MonoTime.ZERO;
    Out out;

    record Pending(Connection connection, long whack, long replacing) {
    }

    Core(EngineConfig config, Rng rng) {
        this.config = config;
        this.rng = rng;
        this.debugging = config.debugging();
        this.spis = new IpsecSpis(rng);
        this.cookies = new CookieSecret(rng);
        this.out = new Out(debugging);
    }

    /** A cookie for an exchange with {@code peer}: ours when {@code icookie} is null, else the responder's. */
    Bytes cookie(org.jswan.ike.base.IpAddress peer, Bytes icookie) {
        return cookies.cookie(now, peer, icookie);
    }

    /**
     * The ISAKMP SA a Quick Mode for {@code c} can use (pluto's {@code find_phase1_state}): the
     * connection's own newest, else the newest established one of another connection between the
     * same two hosts (addresses and ports) with the same ids at both ends.
     */
    Optional<State> phase1For(Connection c) {
        Optional<State> own = states.get(c.newestIsakmpSa()).filter(s -> s.kind.isIsakmpEstablished());
        if (own.isPresent()) {
            return own;
        }
        State best = null;
        for (State s : states.all()) {
            if (s.isPhase1() && s.kind.isIsakmpEstablished() && sameHostsAndIds(s.connection, c)
                    && (best == null || s.serial > best.serial)) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean sameHostsAndIds(Connection a, Connection b) {
        return a.this_().host().equals(b.this_().host()) && a.this_().hostPort() == b.this_().hostPort()
                && a.that().host().equals(b.that().host()) && a.that().hostPort() == b.that().hostPort()
                && java.util.Objects.equals(a.this_().id(), b.this_().id())
                && java.util.Objects.equals(a.that().id(), b.that().id());
    }

    long newMsgid(State phase1) {
        while (true) {
            long m = Long.parseUnsignedLong(rng.bytes(4).toHex(), 16);
            if (m != 0 && !states.msgidInUse(phase1, m)) {
                return m;
            }
        }
    }

    /** An unencrypted message: header (lengths and next payload filled by the codec) and payloads. */
    Bytes encodeClear(State st, int exchange, long msgid, List<Payload> payloads) {
        IsakmpHeader h = new IsakmpHeader(st.icookie, st.rcookie, 0, 1, 0, exchange, 0, msgid, 0);
        emitting(h, payloads);
        return new IsakmpMessage(h, payloads).encode();
    }

    /**
     * An encrypted message (RFC 2408 §3.1 E flag): the payload chain padded with zeros to the
     * block size, CBC-encrypted with {@code iv}; returns the datagram and the new IV (its last
     * ciphertext block).
     */
    Encrypted encodeEncrypted(State phase1, Bytes icookie, Bytes rcookie, int exchange, long msgid,
                              List<Payload> payloads, Bytes iv) {
        Bytes body = PayloadChain.encode(payloads);
        int bs = phase1.oakley.encryption().blockSize();
        int pad = (bs - body.length() % bs) % bs;
        Bytes plain = pad == 0 ? body : body.concat(Bytes.zeros(pad));
        Bytes ct = IkeCipher.encrypt(phase1.oakley.encryption(), phase1.keys.encryptionKey(), iv, plain);
        IsakmpHeader h = new IsakmpHeader(icookie, rcookie, 0, 1, 0, exchange, IsakmpHeader.FLAG_ENCRYPTION, msgid, 0);
        emitting(h, payloads);
        Bytes datagram = IsakmpMessage.encodeWithBody(h, payloads.get(0).type(), ct);
        if (out.dbg(org.jswan.ike.whack.Debug.CRYPT)) {
            out.debug("encrypting " + plain.length() + " bytes using " + phase1.oakley.encryption().name());
        }
        return new Encrypted(datagram, ct.slice(ct.length() - bs));
    }

    /** --debug-emitting: the structure of what we are about to send. */
    private void emitting(IsakmpHeader h, List<Payload> payloads) {
        if (out.dbg(org.jswan.ike.whack.Debug.EMITTING)) {
            for (String line : org.jswan.ike.wire.PayloadDescriber.describe(h.withNextPayload(payloads.get(0).type()),
                    payloads, true)) {
                out.debug(line.startsWith("| ") ? line.substring(2) : line);
            }
        }
    }

    record Encrypted(Bytes datagram, Bytes lastBlock) {
    }

    /** Sends {@code data} for {@code st} and remembers it for retransmission. */
    void sendState(State st, Bytes data) {
        st.lastSent = NatTraversal.frame(this, st.local, data);
        out.send(st.local, st.peer, st.lastSent);
    }

    /** Sends an IKE message that is not retransmitted (Informational), framed for the NAT-T port. */
    void send(org.jswan.ike.base.Endpoint local, org.jswan.ike.base.Endpoint peer, Bytes ike) {
        out.send(local, peer, NatTraversal.frame(this, local, ike));
    }

    long startJob(State st, Effect.CryptoTask task, State.Resume resume) {
        long id = nextJob++;
        jobs.put(id, resume);
        jobOwner.put(id, st.serial);
        st.pendingJob = id;
        out.add(new Effect.StartCrypto(id, task));
        return id;
    }

    void schedule(State st, EventType type, Duration in) {
        if (config.noRetransmits() && (type == EventType.EVENT_RETRANSMIT)) {
            timers.cancel(st);
            return;
        }
        timers.schedule(st, type, now.plus(in));
    }

    /** Our id for a connection end, with %myid substituted. */
    Id ourId(Connection c) {
        Id id = c.this_().id();
        if (id.kind() == Id.Kind.MYID) {
            return myId != null ? myId : Id.ofAddress(c.this_().host());
        }
        return id;
    }

    /** The peer id used to find secrets: %any (NONE) for road-warrior instances without an id. */
    Id peerIdForSecrets(Connection c) {
        if ((c.kind() == Connection.Kind.INSTANCE || c.kind() == Connection.Kind.TEMPLATE) && !c.that().idGiven()) {
            return new Id(Id.Kind.NONE, Bytes.EMPTY);
        }
        return c.that().id();
    }

    /** RFC 2409 §5.5 / App. B: the first IV of Phase 2 message {@code msgid}. */
    Bytes phase2Iv(State phase1, long msgid) {
        return org.jswan.ike.crypto.Ikev1Kdf.phase2Iv(phase1.oakley.hash(), phase1.phase1Iv, msgid,
                phase1.oakley.encryption().blockSize());
    }

    void refreshSecrets() {
        secrets = myId == null ? secretsAsRead : secretsAsRead.resolveMyId(myId);
    }

    boolean isOurAddress(IpAddress a) {
        return interfaces.stream().anyMatch(i -> i.address().equals(a));
    }
}
