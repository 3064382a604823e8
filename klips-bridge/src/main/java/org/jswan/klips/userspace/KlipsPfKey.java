package org.jswan.klips.userspace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jswan.klips.Acquire;
import org.jswan.klips.Eroute;
import org.jswan.klips.KernelException;
import org.jswan.klips.KeyMaterial;
import org.jswan.klips.Net;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.jswan.klips.Shunt;
import org.jswan.klips.esp.EncryptionAlgorithm;
import org.jswan.klips.esp.IntegrityAlgorithm;
import org.jswan.klips.pfkey.CompAlg;
import org.jswan.klips.pfkey.Errno;
import org.jswan.klips.pfkey.ExtType;
import org.jswan.klips.pfkey.InProcessPfKeySocket;
import org.jswan.klips.pfkey.PfKeyException;
import org.jswan.klips.pfkey.PfKeyMessage;
import org.jswan.klips.pfkey.PfKeyMessages;
import org.jswan.klips.pfkey.RequiredExtensions;
import org.jswan.klips.pfkey.SaFlags;
import org.jswan.klips.pfkey.SaType;
import org.jswan.klips.pfkey.SadbAddress;
import org.jswan.klips.pfkey.SadbAlg;
import org.jswan.klips.pfkey.SadbComb;
import org.jswan.klips.pfkey.SadbKey;
import org.jswan.klips.pfkey.SadbProp;
import org.jswan.klips.pfkey.SadbSa;
import org.jswan.klips.pfkey.SadbSpirange;
import org.jswan.klips.pfkey.SadbXNatTPort;
import org.jswan.klips.pfkey.SadbXNatTType;
import org.jswan.klips.pfkey.SadbXSatype;
import org.jswan.klips.pfkey.SockAddr;

/**
 * The userspace KLIPS's end of its PF_KEY sockets (KLIPS's {@code pfkey_v2_parser.c}): each
 * message pluto writes is decoded, checked as a kernel checks it (the base header, the
 * extensions its type needs, the SA type), carried out on the {@link Datapath}, and answered
 * with the request's seq and pid: the request without its keys, or the base header with an errno
 * ({@code EEXIST} for an SA or eroute that exists, {@code ESRCH} for one that does not,
 * {@code EINVAL} for what this KLIPS cannot take). The reason for a refusal goes to the KLIPS log;
 * only the errno goes back, as from a kernel. {@code SADB_ACQUIRE}s (pid 0) go to every socket
 * that registered for ESP.
 */
final class KlipsPfKey implements InProcessPfKeySocket.KernelEnd {
    /** Messages a socket's receive queue holds. */
    static final int QUEUE = 256;

    private final Datapath d;
    private final Consumer<String> log;
    private final PfKeyMessages kernel = PfKeyMessages.kernel();
    private final Map<InProcessPfKeySocket, Set<SaType>> sockets = new ConcurrentHashMap<>();

    KlipsPfKey(Datapath d, Consumer<String> log) {
        this.d = d;
        this.log = log;
    }

    InProcessPfKeySocket open() {
        InProcessPfKeySocket s = new InProcessPfKeySocket(this, QUEUE);
        sockets.put(s, ConcurrentHashMap.newKeySet());
        return s;
    }

    @Override
    public void closed(InProcessPfKeySocket socket) {
        sockets.remove(socket);
    }

    @Override
    public void write(InProcessPfKeySocket from, byte[] bytes) throws PfKeyException {
        PfKeyMessage m;
        try {
            m = PfKeyMessage.decode(bytes);
        } catch (PfKeyException e) {
            log.accept("klips: PF_KEY: refused a message of " + bytes.length + " bytes: " + e.getMessage());
            if (e.header().isEmpty()) {
                throw e; // the write fails
            }
            from.deliver(PfKeyMessages.error(e.header().get(), e.errno()).encode());
            return;
        }
        PfKeyMessage answer;
        try {
            answer = handle(from, m);
        } catch (PfKeyException e) {
            log.accept("klips: PF_KEY: refused " + m.summary() + ": " + e.getMessage());
            answer = PfKeyMessages.error(m, e.errno());
        } finally {
            m.wipeKeys();
        }
        if (!from.deliver(answer.encode())) {
            log.accept("klips: PF_KEY: socket full or closed, answer dropped: " + answer.summary());
        }
    }

    private PfKeyMessage handle(InProcessPfKeySocket from, PfKeyMessage m) throws PfKeyException {
        if (m.header().errno() != 0) {
            throw new PfKeyException(Errno.EINVAL, "a request with sadb_msg_errno set");
        }
        RequiredExtensions.check(m);
        switch (m.type()) {
            case REGISTER:
                return register(from, m);
            case GETSPI:
                return getSpi(m);
            case ADD:
            case UPDATE:
                return add(m);
            case DELETE:
                return delete(m);
            case FLUSH:
                return flush(m);
            case X_GRPSA:
                return group(m);
            case X_ADDFLOW:
                return addFlow(m);
            case X_DELFLOW:
                return delFlow(m);
            default:
                throw new PfKeyException(Errno.EOPNOTSUPP, m.type().sadbName() + " is not taken by this KLIPS");
        }
    }

    // ---- SAs

    /** {@code SADB_REGISTER}: the algorithms of the SA type; the socket then gets its ACQUIREs. */
    private PfKeyMessage register(InProcessPfKeySocket from, PfKeyMessage m) throws PfKeyException {
        SaType t = m.header().satype();
        List<SadbAlg> auth = new ArrayList<>();
        List<SadbAlg> encrypt = new ArrayList<>();
        switch (t) {
            case ESP:
                encrypt.addAll(encryption());
                auth.addAll(integrity());
                break;
            case AH:
                auth.addAll(integrity());
                break;
            case X_COMP:
                encrypt.add(new SadbAlg(CompAlg.DEFLATE.value(), 0, 0, 0));
                break;
            case X_IPIP:
                break;
            default:
                throw new PfKeyException(Errno.EINVAL, "no SAs of type " + t.sadbName() + " here");
        }
        Set<SaType> registered = sockets.get(from);
        if (registered != null) {
            registered.add(t);
        }
        return PfKeyMessages.registerReply(m, auth, encrypt);
    }

    private static List<SadbAlg> integrity() {
        List<SadbAlg> out = new ArrayList<>();
        for (IntegrityAlgorithm a : IntegrityAlgorithm.values()) {
            out.add(new SadbAlg(a.pfkeyId(), 0, a.keyLength() * 8, a.keyLength() * 8));
        }
        return out;
    }

    private static List<SadbAlg> encryption() {
        List<SadbAlg> out = new ArrayList<>();
        for (EncryptionAlgorithm a : EncryptionAlgorithm.values()) {
            int min = 0;
            int max = 0;
            for (int bytes = 1; bytes <= 64; bytes++) {
                if (a.acceptsKeyLength(bytes)) {
                    min = min == 0 ? bytes : min;
                    max = bytes;
                }
            }
            out.add(new SadbAlg(a.pfkeyId(), a.ivLength(), min * 8, max * 8));
        }
        return out;
    }

    private PfKeyMessage getSpi(PfKeyMessage m) throws PfKeyException {
        SaProto proto = proto(m, m.header().satype());
        SadbSpirange range = m.require(ExtType.SPIRANGE, SadbSpirange.class);
        long top = proto == SaProto.IPCOMP ? 0xffffL : 0xffff_ffffL;
        if (range.min() > range.max() || range.max() > top) {
            throw new PfKeyException(Errno.EINVAL, "SPI range 0x" + Long.toHexString(range.min()) + "-0x"
                    + Long.toHexString(range.max()));
        }
        InetAddress dst = m.require(ExtType.ADDRESS_DST, SadbAddress.class).address().address();
        long spi;
        try {
            spi = d.getSpi(proto, dst, range.min(), range.max());
        } catch (KernelException e) {
            throw new PfKeyException(Errno.ENOSPC, e.getMessage());
        }
        return PfKeyMessages.getSpiReply(m, spi);
    }

    /** {@code SADB_ADD}, and {@code SADB_UPDATE} of an SPI that {@code SADB_GETSPI} handed out. */
    private PfKeyMessage add(PfKeyMessage m) throws PfKeyException {
        SaRef ref = PfKeyMessages.saRef(m);
        if (d.sadb.get(ref) != null) {
            throw new PfKeyException(Errno.EEXIST, ref + " exists");
        }
        if (m.type() == org.jswan.klips.pfkey.SadbMsgType.UPDATE && !d.sadb.isLarval(ref)) {
            throw new PfKeyException(Errno.ESRCH, ref + " was not handed out by SADB_GETSPI");
        }
        try {
            d.addSa(params(m, ref));
        } catch (KernelException e) {
            throw new PfKeyException(Errno.EINVAL, e.getMessage());
        }
        return PfKeyMessages.reply(m);
    }

    /** The bridge's SA from an ADD: direction and arrival check from jswan's flag bits, the flow from KLIPS's extensions. */
    private static SaParams params(PfKeyMessage m, SaRef ref) throws PfKeyException {
        SadbSa sa = m.require(ExtType.SA, SadbSa.class);
        if (sa.replay() > 64) {
            throw new PfKeyException(Errno.EINVAL, "replay window " + sa.replay() + " > 64");
        }
        int natSrc = 0;
        int natDst = 0;
        if (m.has(ExtType.X_NAT_T_TYPE) || m.has(ExtType.X_NAT_T_SPORT) || m.has(ExtType.X_NAT_T_DPORT)) {
            if (m.require(ExtType.X_NAT_T_TYPE, SadbXNatTType.class).encapType() != SadbXNatTType.ESPINUDP) {
                throw new PfKeyException(Errno.EINVAL, "UDP encapsulation other than ESPINUDP (RFC 3948)");
            }
            natSrc = m.require(ExtType.X_NAT_T_SPORT, SadbXNatTPort.class).port();
            natDst = m.require(ExtType.X_NAT_T_DPORT, SadbXNatTPort.class).port();
            if (natDst == 0) {
                throw new PfKeyException(Errno.EINVAL, "UDP encapsulation to port 0");
            }
        }
        SaParams p = new SaParams(ref, (sa.flags() & SaFlags.X_JSWAN_INBOUND) != 0, ref.proto() == SaProto.IPIP,
                sa.encrypt(), key(m, ExtType.KEY_ENCRYPT), sa.auth(), key(m, ExtType.KEY_AUTH), natSrc, natDst,
                sa.replay(), null, null, (sa.flags() & SaFlags.X_JSWAN_NOARRIVALCHECK) != 0);
        if (PfKeyMessages.hasFlow(m)) {
            p = p.withFlow(PfKeyMessages.net(m, ExtType.X_ADDRESS_SRC_FLOW, ExtType.X_ADDRESS_SRC_MASK),
                    PfKeyMessages.net(m, ExtType.X_ADDRESS_DST_FLOW, ExtType.X_ADDRESS_DST_MASK));
        }
        return p;
    }

    private static KeyMaterial key(PfKeyMessage m, ExtType type) {
        return m.find(type, SadbKey.class).map(k -> k.key().toKeyMaterial()).orElse(KeyMaterial.NONE);
    }

    private PfKeyMessage delete(PfKeyMessage m) throws PfKeyException {
        SaRef ref = PfKeyMessages.saRef(m);
        if (d.sadb.get(ref) == null) {
            throw new PfKeyException(Errno.ESRCH, "no SA " + ref);
        }
        try {
            d.deleteSa(ref);
        } catch (KernelException e) {
            throw new PfKeyException(Errno.ESRCH, e.getMessage());
        }
        return PfKeyMessages.reply(m);
    }

    /** {@code SADB_FLUSH}: every SA of the type, or all of them for UNSPEC. Eroutes stay. */
    private PfKeyMessage flush(PfKeyMessage m) throws PfKeyException {
        SaType t = m.header().satype();
        d.flush(t == SaType.UNSPEC ? null : proto(m, t));
        return PfKeyMessages.reply(m);
    }

    /** {@code SADB_X_GRPSA}: SA + ADDRESS_DST is applied before X_SA2 + X_ADDRESS_DST2. */
    private PfKeyMessage group(PfKeyMessage m) throws PfKeyException {
        InetAddress dst1 = m.require(ExtType.ADDRESS_DST, SadbAddress.class).address().address();
        InetAddress dst2 = m.require(ExtType.X_ADDRESS_DST2, SadbAddress.class).address().address();
        SaRef inner = new SaRef(proto(m, m.header().satype()), m.require(ExtType.SA, SadbSa.class).spi(), dst1, dst1);
        SaRef outer = new SaRef(proto(m, m.require(ExtType.X_SATYPE2, SadbXSatype.class).satype()),
                m.require(ExtType.X_SA2, SadbSa.class).spi(), dst2, dst2);
        for (SaRef r : List.of(inner, outer)) {
            if (d.sadb.get(r) == null) {
                throw new PfKeyException(Errno.ESRCH, "no SA " + r);
            }
        }
        try {
            d.groupSas(inner, outer);
        } catch (KernelException e) {
            throw new PfKeyException(Errno.EINVAL, e.getMessage());
        }
        return PfKeyMessages.reply(m);
    }

    // ---- eroutes

    private PfKeyMessage addFlow(PfKeyMessage m) throws PfKeyException {
        SadbSa sa = m.require(ExtType.SA, SadbSa.class);
        Net our = PfKeyMessages.net(m, ExtType.X_ADDRESS_SRC_FLOW, ExtType.X_ADDRESS_SRC_MASK);
        Net peer = PfKeyMessages.net(m, ExtType.X_ADDRESS_DST_FLOW, ExtType.X_ADDRESS_DST_MASK);
        SaRef target;
        if (m.header().satype() == SaType.X_INT) {
            target = java.util.Arrays.stream(Shunt.values()).filter(s -> s.spi() == sa.spi()).findFirst()
                    .map(Shunt::ref).orElseThrow(() -> new PfKeyException(Errno.EINVAL, "no shunt has SPI 0x"
                            + Long.toHexString(sa.spi())));
        } else {
            target = new SaRef(proto(m, m.header().satype()), sa.spi(),
                    m.require(ExtType.ADDRESS_SRC, SadbAddress.class).address().address(),
                    m.require(ExtType.ADDRESS_DST, SadbAddress.class).address().address());
        }
        boolean replace = (sa.flags() & SaFlags.X_REPLACEFLOW) != 0;
        if (!replace && hasEroute(our, peer)) {
            throw new PfKeyException(Errno.EEXIST, "an eroute " + our + " -> " + peer + " exists");
        }
        try {
            d.eroute(new Eroute(replace ? Eroute.Op.REPLACE : Eroute.Op.ADD, our, peer, target));
        } catch (KernelException e) {
            throw new PfKeyException(Errno.EINVAL, e.getMessage());
        }
        return PfKeyMessages.reply(m);
    }

    private PfKeyMessage delFlow(PfKeyMessage m) throws PfKeyException {
        Net our = PfKeyMessages.net(m, ExtType.X_ADDRESS_SRC_FLOW, ExtType.X_ADDRESS_SRC_MASK);
        Net peer = PfKeyMessages.net(m, ExtType.X_ADDRESS_DST_FLOW, ExtType.X_ADDRESS_DST_MASK);
        if (!hasEroute(our, peer)) {
            throw new PfKeyException(Errno.ESRCH, "no eroute " + our + " -> " + peer);
        }
        try {
            d.eroute(new Eroute(Eroute.Op.DELETE, our, peer, null));
        } catch (KernelException e) {
            throw new PfKeyException(Errno.ESRCH, e.getMessage());
        }
        return PfKeyMessages.reply(m);
    }

    private boolean hasEroute(Net our, Net peer) {
        for (ErouteTable.Entry e : d.eroutes.entries()) {
            if (e.sameFlow(our, peer)) {
                return true;
            }
        }
        return false;
    }

    private static SaProto proto(PfKeyMessage m, SaType t) throws PfKeyException {
        return t.toSaProto().orElseThrow(() -> new PfKeyException(Errno.EINVAL, m.type().sadbName()
                + ": no SAs of type " + t.sadbName() + " here"));
    }

    // ---- what the kernel sends

    /**
     * A {@code %trap} caught a packet: {@code SADB_ACQUIRE} (pid 0, satype ESP) with the packet's
     * addresses, protocol and ports, a proposal of what this KLIPS can do, and the trap eroute,
     * to every socket registered for ESP. Called on the {@code klips-out} thread.
     */
    void acquire(Acquire a) {
        PfKeyMessage m;
        synchronized (kernel) {
            m = kernel.acquire(SaType.ESP, SockAddr.of(a.src(), a.srcPort()), SockAddr.of(a.dst(), a.dstPort()),
                    a.protocol(), proposal(), a.ourClient(), a.peerClient());
        }
        byte[] b = m.encode();
        int told = 0;
        for (Map.Entry<InProcessPfKeySocket, Set<SaType>> s : sockets.entrySet()) {
            if (s.getValue().contains(SaType.ESP) && s.getKey().deliver(b)) {
                told++;
            }
        }
        if (told == 0) {
            log.accept("klips: PF_KEY: no socket registered for ESP took " + m.summary());
        }
    }

    private static SadbProp proposal() {
        List<SadbComb> combs = new ArrayList<>();
        for (SadbAlg e : encryption()) {
            for (SadbAlg i : integrity()) {
                combs.add(SadbComb.of(i.id(), i.minBits(), e.id(), e.minBits(), e.maxBits()));
            }
        }
        return new SadbProp(SaParams.DEFAULT_REPLAY_WINDOW, combs);
    }
}
