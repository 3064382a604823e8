package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Secret;
import org.jswan.ike.connection.Connection;
import org.jswan.ike.crypto.DhPrivate;
import org.jswan.ike.crypto.Ikev1Kdf;
import org.jswan.ike.spdb.IpsecTransform;
import org.jswan.ike.spdb.OakleyTransform;
import org.jswan.ike.spdb.QuickModeSpdb;

/**
 * One state object (pluto's {@code struct state}): an ISAKMP SA being negotiated or established,
 * or an IPsec SA (Quick Mode) under one. Engine-internal and mutable; it lives in the
 * {@link StateTable} under its serial number until it is deleted.
 */
final class State {
    final long serial;
    Connection connection;
    StateKind kind;
    final boolean initiator;

    Bytes icookie;
    Bytes rcookie = Bytes.zeros(8);
    long msgid;
    Endpoint local;
    Endpoint peer;

    /** For a Quick Mode state: the ISAKMP SA it runs under. */
    long phase1Serial;
    long replacing;
    int tries = 1;

    // ---- Phase 1 ----
    OakleyTransform oakley;
    Bytes saiBody;
    List<OakleyTransform> offered;
    DhPrivate dhPrivate;
    Bytes gi;
    Bytes gr;
    Bytes ni;
    Bytes nr;
    Secret gxy;
    org.jswan.ike.crypto.Phase1Keys keys;
    Bytes iv;
    Bytes newIv;
    /** The IV after the last Phase 1 message: the seed of every Phase 2 IV. */
    Bytes phase1Iv;
    /** Message IDs of the peer's authenticated Quick Mode I1s under this ISAKMP SA: never accepted twice. */
    final java.util.Set<Long> usedMsgids = new java.util.HashSet<>();
    org.jswan.ike.conn.Id peerId;
    /** The pre-shared key SKEYID was made from (owned by the secrets table; kept to compare on switching). */
    Secret psk;
    NatTraversal.Method natt = NatTraversal.Method.NONE;
    Bytes nattDraftVid;
    boolean weAreNatted;
    boolean peerIsNatted;
    long keepaliveSeq;
    // ---- Dead Peer Detection (RFC 3706), on an ISAKMP SA ----
    boolean peerDoesDpd;
    long dpdSeq;
    EventType dpdEvent;
    MonoTime dpdTime;
    /** Our R_U_THERE sequence number (random start), and the one we are waiting to see acknowledged. */
    long dpdOurSeq;
    long dpdAwaiting = -1;
    /** The peer's last R_U_THERE sequence number (replays are ignored) and our answer budget. */
    long dpdPeerSeq = -1;
    MonoTime dpdWindowStart;
    int dpdAnswers;
    boolean sentInitialContact;
    MonoTime dpdTimeoutAt;
    /** Last time the kernel saw outbound traffic on this IPsec SA (null: never reported). */
    MonoTime lastUsed;
    /** The IPIP SAs of tunnel mode, once installed (0: none): {@code tun.<out>@peer}, {@code tun.<in>@us}. */
    long tunnelInSpi;
    long tunnelOutSpi;
    /** What the kernel counted on this SA's inbound and outbound ESP (or AH) SA; null: nothing reported. */
    Traffic traffic;
    boolean peerInitialContact;
    /** Endpoints before a NAT-T packet moved them, restored if its transition fails. */
    Endpoint prevLocal;
    Endpoint prevPeer;

    // ---- Quick Mode ----
    Map<Integer, List<IpsecTransform>> ipsecOffer;
    QuickModeSpdb.Choice ipsecChoice;
    Map<Integer, Bytes> ourSpis;
    List<IpsecSa> ipsecSas = new ArrayList<>();
    org.jswan.ike.base.Subnet ourClient;
    org.jswan.ike.base.Subnet peerClient;
    boolean sendIds;

    // ---- messages and timers ----
    Bytes lastSent;
    Bytes lastReceived;
    int retransmits;
    EventType event = EventType.EVENT_NULL;
    MonoTime eventTime;
    long eventSeq;
    /** Seconds of margin an EVENT_SA_REPLACE keeps before the SA expires. */
    java.time.Duration margin = java.time.Duration.ZERO;
    MonoTime established;
    /** When the negotiation began (its first message sent or received). */
    MonoTime created;

    /** whack client to stream progress to, or -1. */
    long whack = -1;
    /** Outstanding crypto job, or 0 (its continuation is kept by the engine under the job id). */
    long pendingJob;

    /** A negotiated IPsec SA for one protocol: our inbound SPI, the peer's, the keys. */
    record IpsecSa(int protocolId, long ourSpi, long peerSpi, IpsecTransform transform, Secret inKey,
                   Secret outKey) {
    }

    /** Kernel counters of one IPsec SA pair, as last reported. */
    record Traffic(long inBytes, long inPackets, long outBytes, long outPackets) {
    }

    /** A suspended transition, resumed with the crypto job's result. */
    @FunctionalInterface
    interface Resume {
        Step apply(Object result);
    }

    State(long serial, Connection c, StateKind kind, boolean initiator) {
        this.serial = serial;
        this.connection = c;
        this.kind = kind;
        this.initiator = initiator;
    }

    boolean isPhase1() {
        return kind.isPhase1();
    }

    /** pluto's context prefix: {@code "conn" #3: }. */
    String prefix() {
        return connection.displayName() + " #" + serial + ": ";
    }

    void forgetSecrets() {
        if (gxy != null) {
            gxy.close();
        }
        if (keys != null) {
            keys.skeyid().close();
            keys.skeyidD().close();
            keys.skeyidA().close();
            keys.skeyidE().close();
            keys.encryptionKey().close();
        }
        for (IpsecSa sa : ipsecSas) {
            sa.inKey().close();
            sa.outKey().close();
        }
    }
}
