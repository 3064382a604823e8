package org.jswan.klips.pfkey;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jswan.klips.Acquire;
import org.jswan.klips.Eroute;
import org.jswan.klips.Net;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;

/**
 * Builds PF_KEY messages from the bridge's SPI values: what pluto sends for each
 * {@link org.jswan.klips.Kernel} call (facts §9), and what the kernel sends and answers.
 *
 * <p>One instance is one end of a PF_KEY socket: it stamps its {@code pid} (pluto's pid; 0 for the
 * kernel, {@link #kernel()}) and its own sequence numbers, 1, 2, ... on the messages it
 * originates. Replies are static: they take {@code seq}, {@code pid} and SA type from the request.
 * Not thread-safe (pluto's one loop thread owns it).
 */
public final class PfKeyMessages {
    /** {@code sadb_sa_replay} pluto gives AH and ESP SAs (facts §9). */
    public static final int REPLAY_WINDOW = 64;

    private final long pid;
    private long seq;

    /** @param pid the sender's pid, in every message it originates */
    public PfKeyMessages(long pid) {
        SadbSa.checkU32("pid", pid);
        this.pid = pid;
    }

    /** The kernel's end: pid 0. */
    public static PfKeyMessages kernel() {
        return new PfKeyMessages(0);
    }

    public long pid() {
        return pid;
    }

    private SadbMsg next(SadbMsgType type, SaType satype) {
        seq = (seq + 1) & 0xffff_ffffL;
        return SadbMsg.of(type, satype, seq, pid);
    }

    // ---- what pluto sends ------------------------------------------------------------------

    /**
     * {@code SADB_GETSPI} (RFC 2367 §3.1.1) {@code <base, address(SD), SPI range>}: asks for an SPI
     * in {@code [min, max]} for an SA from {@code src} to {@code dst}. FreeS/WAN's pluto never sent
     * it to KLIPS (it chose SPIs itself, facts §7.3); a kernel PF_KEY backend does.
     */
    public PfKeyMessage getSpi(SaProto proto, InetAddress src, InetAddress dst, long min, long max) {
        if (min < 0 || min > max || max > 0xffff_ffffL) {
            throw new IllegalArgumentException("bad SPI range 0x" + Long.toHexString(min) + "-0x" + Long.toHexString(max));
        }
        return new PfKeyMessage(next(SadbMsgType.GETSPI, SaType.of(proto)),
                host(ExtType.ADDRESS_SRC, src), host(ExtType.ADDRESS_DST, dst), new SadbSpirange(min, max));
    }

    /**
     * {@code SADB_ADD} (RFC 2367 §3.1.3) of one SA, as pluto sends it: SA (SPI, replay 64 for AH
     * and ESP, MATURE, the algorithms — for IPCOMP the compression algorithm in
     * {@code sadb_sa_encrypt}), ADDRESS_SRC, ADDRESS_DST, then KEY_AUTH and KEY_ENCRYPT when the SA
     * has those keys, and for UDP encapsulation X_NAT_T_TYPE, X_NAT_T_SPORT, X_NAT_T_DPORT. An
     * IPIP SA (KLIPS's tunnel mode) has no algorithms and no keys.
     *
     * <p>{@code sa.tunnel()} has no field in the message: tunnel mode is the separate IPIP SA
     * grouped before this one. jswan: {@code sa.inbound()} and {@code sa.disableArrivalCheck()} are
     * the {@code sadb_sa_flags} bits {@link SaFlags#X_JSWAN_INBOUND} and
     * {@link SaFlags#X_JSWAN_NOARRIVALCHECK}; the SA's flow ({@code sa.srcFlow()} →
     * {@code sa.dstFlow()}) follows as X_ADDRESS_SRC_FLOW, _DST_FLOW, _SRC_MASK, _DST_MASK. The
     * replay window is {@code sa.replayWindow()} for AH and ESP.
     */
    public PfKeyMessage add(SaParams sa) {
        return addOrUpdate(SadbMsgType.ADD, sa);
    }

    /** {@code SADB_UPDATE} (RFC 2367 §3.1.2): the same extensions as {@link #add}, for an SA got by GETSPI. */
    public PfKeyMessage update(SaParams sa) {
        return addOrUpdate(SadbMsgType.UPDATE, sa);
    }

    private PfKeyMessage addOrUpdate(SadbMsgType type, SaParams p) {
        SaRef ref = p.sa();
        SaProto proto = ref.proto();
        boolean keyed = proto == SaProto.AH || proto == SaProto.ESP;
        if (!keyed && (p.integrityKey().length() > 0 || p.encryptKey().length() > 0)) {
            throw new IllegalArgumentException(proto + " SA " + ref + " takes no keys");
        }
        if (proto == SaProto.IPIP && (p.encryptAlg() != 0 || p.integrityAlg() != 0)) {
            throw new IllegalArgumentException("IPIP SA " + ref + " takes no algorithms");
        }
        boolean natt = p.natSrcPort() != 0 || p.natDstPort() != 0;
        if (natt && proto != SaProto.ESP) {
            throw new IllegalArgumentException("only ESP is UDP-encapsulated, not " + ref);
        }
        long flags = (p.inbound() ? SaFlags.X_JSWAN_INBOUND : 0)
                | (p.disableArrivalCheck() ? SaFlags.X_JSWAN_NOARRIVALCHECK : 0);
        List<Extension> exts = new ArrayList<>();
        exts.add(SadbSa.of(ref.spi(), keyed ? p.replayWindow() : 0, SaState.MATURE, p.integrityAlg(),
                p.encryptAlg(), flags));
        exts.add(host(ExtType.ADDRESS_SRC, ref.src()));
        exts.add(host(ExtType.ADDRESS_DST, ref.dst()));
        if (p.integrityKey().length() > 0) {
            exts.add(SadbKey.of(ExtType.KEY_AUTH, KeyBytes.of(p.integrityKey())));
        }
        if (p.encryptKey().length() > 0) {
            exts.add(SadbKey.of(ExtType.KEY_ENCRYPT, KeyBytes.of(p.encryptKey())));
        }
        if (natt) {
            // FreeS/WAN 2.0x: no NAT-T; jswan: the NAT-T patch's extensions, because RFC 3948 peers need them.
            exts.add(new SadbXNatTType(SadbXNatTType.ESPINUDP));
            exts.add(new SadbXNatTPort(ExtType.X_NAT_T_SPORT, p.natSrcPort()));
            exts.add(new SadbXNatTPort(ExtType.X_NAT_T_DPORT, p.natDstPort()));
        }
        if (p.srcFlow() != null) {
            // jswan: the inner addresses the SA may carry, for the arrival check, as KLIPS's flow extensions
            exts.addAll(flow(p.srcFlow(), p.dstFlow()));
        }
        return new PfKeyMessage(next(type, SaType.of(proto)), exts);
    }

    /** {@code SADB_DELETE} (RFC 2367 §3.1.4) as pluto sends it: SA (SPI, MATURE), ADDRESS_SRC, ADDRESS_DST. */
    public PfKeyMessage delete(SaRef sa) {
        return new PfKeyMessage(next(SadbMsgType.DELETE, SaType.of(sa.proto())), sa(sa.spi(), 0),
                host(ExtType.ADDRESS_SRC, sa.src()), host(ExtType.ADDRESS_DST, sa.dst()));
    }

    /**
     * KLIPS's {@code SADB_X_GRPSA}: chains {@code inner} to {@code outer} ({@code inner} is
     * processed first going out). The first SA travels in SA + ADDRESS_DST with the header's SA
     * type, the second in X_SATYPE2 + X_SA2 + X_ADDRESS_DST2 (facts §9).
     */
    public PfKeyMessage grpsa(SaRef inner, SaRef outer) {
        return new PfKeyMessage(next(SadbMsgType.X_GRPSA, SaType.of(inner.proto())),
                sa(inner.spi(), 0), host(ExtType.ADDRESS_DST, inner.dst()),
                new SadbXSatype(SaType.of(outer.proto())),
                new SadbSa(ExtType.X_SA2, outer.spi(), 0, SaState.MATURE, 0, 0, 0),
                host(ExtType.X_ADDRESS_DST2, outer.dst()));
    }

    /** The message for an eroute operation: ERO_ADD and ERO_REPLACE are ADDFLOW, ERO_DELETE is DELFLOW. */
    public PfKeyMessage eroute(Eroute e) {
        switch (e.op()) {
            case ADD:
                return addFlow(e, false);
            case REPLACE:
                return addFlow(e, true);
            case DELETE:
                return delFlow(e);
            default:
                throw new AssertionError(e.op());
        }
    }

    /**
     * KLIPS's {@code SADB_X_ADDFLOW} for an eroute through an SA group: SA (SPI of the outermost
     * SA; {@code SADB_X_SAFLAGS_REPLACEFLOW} for ERO_REPLACE), ADDRESS_SRC (our host),
     * ADDRESS_DST (the peer), X_ADDRESS_SRC_FLOW / X_ADDRESS_DST_FLOW (the client networks) and
     * X_ADDRESS_SRC_MASK / X_ADDRESS_DST_MASK (their masks). A shunt eroute is {@link #addShunt}.
     */
    public PfKeyMessage addFlow(Eroute e, boolean replace) {
        if (e.op() == Eroute.Op.DELETE) {
            throw new IllegalArgumentException("ADDFLOW for a delete: " + e);
        }
        SaRef sa = e.sa();
        if (sa == null) {
            throw new IllegalArgumentException("eroute without an SA (a shunt is addShunt): " + e);
        }
        List<Extension> exts = new ArrayList<>();
        exts.add(sa(sa.spi(), replace ? SaFlags.X_REPLACEFLOW : 0));
        exts.add(host(ExtType.ADDRESS_SRC, sa.src()));
        exts.add(host(ExtType.ADDRESS_DST, sa.dst()));
        exts.addAll(flow(e.ourClient(), e.peerClient()));
        return new PfKeyMessage(next(SadbMsgType.X_ADDFLOW, SaType.of(sa.proto())), exts);
    }

    /**
     * {@code SADB_X_ADDFLOW} of a shunt eroute: SA type X_INT, the shunt's SPI ({@code %pass} 256
     * ... {@code %trap} 260) and the unspecified address for both hosts (facts §9).
     */
    public PfKeyMessage addShunt(Net ourClient, Net peerClient, Shunt shunt, boolean replace) {
        Objects.requireNonNull(shunt, "shunt");
        List<Extension> exts = new ArrayList<>();
        exts.add(sa(shunt.spi(), replace ? SaFlags.X_REPLACEFLOW : 0));
        exts.add(SadbAddress.of(ExtType.ADDRESS_SRC, SockAddr.any(ourClient.address())));
        exts.add(SadbAddress.of(ExtType.ADDRESS_DST, SockAddr.any(peerClient.address())));
        exts.addAll(flow(ourClient, peerClient));
        return new PfKeyMessage(next(SadbMsgType.X_ADDFLOW, SaType.X_INT), exts);
    }

    /**
     * KLIPS's {@code SADB_X_DELFLOW}: only the four flow and mask extensions (facts §9). The SA
     * type is the eroute's SA's, or X_INT when it has none.
     */
    public PfKeyMessage delFlow(Eroute e) {
        SaType t = e.sa() == null ? SaType.X_INT : SaType.of(e.sa().proto());
        return new PfKeyMessage(next(SadbMsgType.X_DELFLOW, t), flow(e.ourClient(), e.peerClient()));
    }

    /** {@code SADB_X_DELFLOW} of whatever eroute covers these client networks (a shunt's, say). */
    public PfKeyMessage delFlow(Net ourClient, Net peerClient) {
        return new PfKeyMessage(next(SadbMsgType.X_DELFLOW, SaType.X_INT), flow(ourClient, peerClient));
    }

    /** {@code SADB_REGISTER} (RFC 2367 §3.1.7) {@code <base>}: pluto sends one for AH, ESP, X_COMP and X_IPIP. */
    public PfKeyMessage register(SaType satype) {
        return new PfKeyMessage(next(SadbMsgType.REGISTER, satype));
    }

    /** {@code SADB_FLUSH} (RFC 2367 §3.1.9) {@code <base>}: UNSPEC flushes every SA type. */
    public PfKeyMessage flush(SaType satype) {
        return new PfKeyMessage(next(SadbMsgType.FLUSH, satype));
    }

    // ---- what the kernel sends -------------------------------------------------------------

    /**
     * {@code SADB_ACQUIRE} (RFC 2367 §3.1.6) {@code <base, address(SD), proposal>}, from the kernel
     * when a packet from {@code src} to {@code dst} hits a %trap or %hold eroute. The addresses
     * carry the packet's transport protocol and full-length prefixes.
     */
    public PfKeyMessage acquire(SaType satype, SockAddr src, SockAddr dst, int proto, SadbProp proposal) {
        return new PfKeyMessage(next(SadbMsgType.ACQUIRE, satype),
                new SadbAddress(ExtType.ADDRESS_SRC, proto, src.bits(), src),
                new SadbAddress(ExtType.ADDRESS_DST, proto, dst.bits(), dst), proposal);
    }

    /**
     * An {@link #acquire} that also names the trap eroute it came from, as the four flow and mask
     * extensions (jswan: so that pluto learns the eroute, as the bridge's {@link Acquire} has it).
     */
    public PfKeyMessage acquire(SaType satype, SockAddr src, SockAddr dst, int proto, SadbProp proposal,
                                Net ourClient, Net peerClient) {
        PfKeyMessage m = acquire(satype, src, dst, proto, proposal);
        List<Extension> exts = new ArrayList<>(m.extensions());
        exts.addAll(flow(ourClient, peerClient));
        return new PfKeyMessage(m.header(), exts);
    }

    /**
     * {@code SADB_EXPIRE} (RFC 2367 §3.1.8) {@code <base, SA, lifetime(C and one of HS), address(SD)>}:
     * the SA's soft limit (state DYING) or hard limit (state DEAD) was reached.
     */
    public PfKeyMessage expire(SaRef ref, SadbLifetime current, SadbLifetime expired) {
        return expire(SaType.of(ref.proto()), sa(ref.spi(), 0), host(ExtType.ADDRESS_SRC, ref.src()),
                host(ExtType.ADDRESS_DST, ref.dst()), current, expired);
    }

    /** {@code SADB_EXPIRE} of the SA installed by {@code added} (its ADD or UPDATE), algorithms and all. */
    public PfKeyMessage expire(PfKeyMessage added, SadbLifetime current, SadbLifetime expired) throws PfKeyException {
        SadbSa s = added.require(ExtType.SA, SadbSa.class);
        return expire(added.header().satype(), s, added.require(ExtType.ADDRESS_SRC, SadbAddress.class),
                added.require(ExtType.ADDRESS_DST, SadbAddress.class), current, expired);
    }

    private PfKeyMessage expire(SaType satype, SadbSa s, SadbAddress src, SadbAddress dst, SadbLifetime current,
                                SadbLifetime expired) {
        if (current.type() != ExtType.LIFETIME_CURRENT || expired.type() == ExtType.LIFETIME_CURRENT) {
            throw new IllegalArgumentException("EXPIRE carries the CURRENT lifetime and the HARD or SOFT one reached");
        }
        SaState state = expired.type() == ExtType.LIFETIME_HARD ? SaState.DEAD : SaState.DYING;
        SadbSa dying = new SadbSa(ExtType.SA, s.spi(), s.replay(), state, s.auth(), s.encrypt(), s.flags());
        return new PfKeyMessage(next(SadbMsgType.EXPIRE, satype), dying, current, expired, src, dst);
    }

    // ---- the kernel's replies --------------------------------------------------------------

    /**
     * The kernel's answer to {@code SADB_REGISTER} (RFC 2367 §3.1.7): {@code <base, supported>}, the
     * request's header with SUPPORTED_AUTH and SUPPORTED_ENCRYPT (each left out when empty).
     */
    public static PfKeyMessage registerReply(PfKeyMessage request, List<SadbAlg> auth, List<SadbAlg> encrypt) {
        List<Extension> exts = new ArrayList<>();
        if (!auth.isEmpty()) {
            exts.add(new SadbSupported(ExtType.SUPPORTED_AUTH, auth));
        }
        if (!encrypt.isEmpty()) {
            exts.add(new SadbSupported(ExtType.SUPPORTED_ENCRYPT, encrypt));
        }
        return new PfKeyMessage(answer(request.header()), exts);
    }

    /**
     * The kernel's answer to {@code SADB_GETSPI} (RFC 2367 §3.1.1): {@code <base, SA(*), address(SD)>},
     * a LARVAL SA with the chosen SPI.
     */
    public static PfKeyMessage getSpiReply(PfKeyMessage request, long spi) throws PfKeyException {
        return new PfKeyMessage(answer(request.header()), SadbSa.of(spi, 0, SaState.LARVAL, 0, 0, 0),
                request.require(ExtType.ADDRESS_SRC, SadbAddress.class),
                request.require(ExtType.ADDRESS_DST, SadbAddress.class));
    }

    /**
     * The kernel's answer to a request that succeeded: the request as it came, without its keys
     * (RFC 2367 §3.1.2–3.1.3: the reply to UPDATE and ADD "MUST NOT" carry them). This is the
     * answer to ADD, UPDATE, DELETE, FLUSH, X_GRPSA, X_ADDFLOW and X_DELFLOW.
     */
    public static PfKeyMessage reply(PfKeyMessage request) {
        return new PfKeyMessage(answer(request.header()), request.without(ExtType.KEY_AUTH, ExtType.KEY_ENCRYPT)
                .extensions());
    }

    /** The kernel's answer to a request it refused: the base header alone, errno set (RFC 2367 §1.8). */
    public static PfKeyMessage error(SadbMsg request, Errno errno) {
        return new PfKeyMessage(request.withErrno(errno));
    }

    public static PfKeyMessage error(PfKeyMessage request, Errno errno) {
        return error(request.header(), errno);
    }

    private static SadbMsg answer(SadbMsg request) {
        return new SadbMsg(request.type(), 0, request.satype(), request.seq(), request.pid());
    }

    // ---- back to the bridge's values -------------------------------------------------------

    /** The SA an ADD, UPDATE, DELETE, GET or EXPIRE names: SA type, SPI, ADDRESS_SRC, ADDRESS_DST. */
    public static SaRef saRef(PfKeyMessage m) throws PfKeyException {
        SaType t = m.header().satype();
        SaProto proto = t.toSaProto().orElseThrow(() -> new PfKeyException(Errno.EINVAL,
                m.type().sadbName() + ": SA type " + t.sadbName() + " names no SA"));
        SadbSa s = m.require(ExtType.SA, SadbSa.class);
        return new SaRef(proto, s.spi(), m.require(ExtType.ADDRESS_SRC, SadbAddress.class).address().address(),
                m.require(ExtType.ADDRESS_DST, SadbAddress.class).address().address());
    }

    /**
     * The network a flow extension and its mask name: {@code 255.255.255.0} over
     * {@code 198.51.100.0} is {@code 198.51.100.0/24}. {@code EINVAL} when either is missing, the
     * families differ or the mask is not contiguous.
     */
    public static Net net(PfKeyMessage m, ExtType flow, ExtType mask) throws PfKeyException {
        String what = m.type().sadbName() + " " + flow.sadbName();
        InetAddress a = m.require(flow, SadbAddress.class).address().address();
        byte[] mb = m.require(mask, SadbAddress.class).address().address().getAddress();
        if (mb.length != a.getAddress().length) {
            throw new PfKeyException(Errno.EINVAL, what + ": the mask is of another address family");
        }
        int prefix = 0;
        while (prefix < mb.length * 8 && (mb[prefix / 8] & (0x80 >>> (prefix % 8))) != 0) {
            prefix++;
        }
        if (!java.util.Arrays.equals(mb, maskBytes(mb.length, prefix))) {
            throw new PfKeyException(Errno.EINVAL, what + ": the mask " + java.util.Arrays.toString(mb)
                    + " is not contiguous");
        }
        return new Net(a, prefix);
    }

    /** Whether {@code m} carries the four flow and mask extensions. */
    public static boolean hasFlow(PfKeyMessage m) {
        return m.has(ExtType.X_ADDRESS_SRC_FLOW) || m.has(ExtType.X_ADDRESS_DST_FLOW)
                || m.has(ExtType.X_ADDRESS_SRC_MASK) || m.has(ExtType.X_ADDRESS_DST_MASK);
    }

    /**
     * The bridge's {@link Acquire} of a kernel's {@code SADB_ACQUIRE}: the packet's addresses,
     * ports and protocol from ADDRESS_SRC/DST, and the trap eroute from the flow extensions
     * (the packet's two hosts when they are absent).
     */
    public static Acquire acquireOf(PfKeyMessage m) throws PfKeyException {
        if (m.type() != SadbMsgType.ACQUIRE) {
            throw new PfKeyException(Errno.EINVAL, m.type().sadbName() + " is not an SADB_ACQUIRE");
        }
        RequiredExtensions.check(m);
        SadbAddress src = m.require(ExtType.ADDRESS_SRC, SadbAddress.class);
        SadbAddress dst = m.require(ExtType.ADDRESS_DST, SadbAddress.class);
        Net our = Net.host(src.address().address());
        Net peer = Net.host(dst.address().address());
        if (hasFlow(m)) {
            our = net(m, ExtType.X_ADDRESS_SRC_FLOW, ExtType.X_ADDRESS_SRC_MASK);
            peer = net(m, ExtType.X_ADDRESS_DST_FLOW, ExtType.X_ADDRESS_DST_MASK);
        }
        return new Acquire(src.address().address(), dst.address().address(), src.proto(), src.address().port(),
                dst.address().port(), our, peer);
    }

    // ---- pieces ----------------------------------------------------------------------------

    private static SadbSa sa(long spi, long flags) {
        return SadbSa.of(spi, 0, SaState.MATURE, 0, 0, flags);
    }

    /** A host address as pluto sends it: no protocol, no port, prefix length 0. */
    static SadbAddress host(ExtType type, InetAddress a) {
        return SadbAddress.of(type, SockAddr.of(a));
    }

    private static List<Extension> flow(Net our, Net peer) {
        if ((our.address().getAddress().length) != (peer.address().getAddress().length)) {
            throw new IllegalArgumentException("flow between address families: " + our + " -> " + peer);
        }
        return List.of(SadbAddress.of(ExtType.X_ADDRESS_SRC_FLOW, SockAddr.of(network(our))),
                SadbAddress.of(ExtType.X_ADDRESS_DST_FLOW, SockAddr.of(network(peer))),
                SadbAddress.of(ExtType.X_ADDRESS_SRC_MASK, SockAddr.of(mask(our))),
                SadbAddress.of(ExtType.X_ADDRESS_DST_MASK, SockAddr.of(mask(peer))));
    }

    /** The network address of {@code n}: its address with the host bits cleared. */
    static InetAddress network(Net n) {
        byte[] a = n.address().getAddress();
        byte[] m = maskBytes(a.length, n.prefixLength());
        for (int i = 0; i < a.length; i++) {
            a[i] &= m[i];
        }
        return address(a);
    }

    /** The netmask of {@code n} as an address: {@code /24} is {@code 255.255.255.0}. */
    static InetAddress mask(Net n) {
        return address(maskBytes(n.address().getAddress().length, n.prefixLength()));
    }

    private static byte[] maskBytes(int length, int prefix) {
        byte[] m = new byte[length];
        for (int i = 0; i < prefix; i++) {
            m[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return m;
    }

    private static InetAddress address(byte[] b) {
        try {
            return b.length == 4 ? InetAddress.getByAddress(b) : java.net.Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
