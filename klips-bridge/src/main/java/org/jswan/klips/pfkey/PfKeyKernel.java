package org.jswan.klips.pfkey;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jswan.klips.Acquire;
import org.jswan.klips.AcquireListener;
import org.jswan.klips.Eroute;
import org.jswan.klips.Kernel;
import org.jswan.klips.KernelException;
import org.jswan.klips.Route;
import org.jswan.klips.SaCounters;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;

/**
 * The {@link Kernel} SPI spoken as PF_KEYv2 over a {@link PfKeySocket}, as FreeS/WAN's pluto
 * spoke to KLIPS (facts §9): {@code SADB_REGISTER} for AH, ESP, X_COMP and X_IPIP when it opens,
 * {@code SADB_ADD} per SA, for a tunnel-mode SA first the X_IPIP SA (the "tunnel SPI", 0x1001,
 * 0x1002, ..., facts §7.3) grouped before it, {@code SADB_X_GRPSA}, {@code SADB_DELETE},
 * {@code SADB_X_ADDFLOW} (with {@code SADB_X_SAFLAGS_REPLACEFLOW} for a replace) and
 * {@code SADB_X_DELFLOW}, shunts as X_INT SAs with SPIs 256..261.
 *
 * <p>Each call writes its messages and waits for the kernel's answer with the same seq and pid;
 * an errno becomes a {@link KernelException} naming the message and the errno. A reader thread
 * ({@code pfkey-in}) takes everything the kernel sends: answers go to the waiting call,
 * {@code SADB_ACQUIRE} from the kernel (pid 0) goes to the {@link AcquireListener}, and anything
 * malformed or unexpected is logged and dropped.
 *
 * <p>What PF_KEY does not carry — routes, ESP-in-UDP that arrived on pluto's NAT-T socket, the
 * per-SA counters KLIPS showed in {@code /proc/net/ipsec_spi} — goes {@link Direct}ly to the
 * kernel. Called from pluto's one loop thread.
 */
public final class PfKeyKernel implements Kernel {
    /**
     * What pluto did with a KLIPS kernel outside PF_KEY: routes ({@code ip route}, updown), reading
     * {@code /proc/net/ipsec_spi}, and (jswan) handing over ESP-in-UDP from pluto's NAT-T socket.
     */
    public interface Direct extends AutoCloseable {
        void route(Route route) throws KernelException;

        void espInUdp(InetAddress src, int srcPort, InetAddress dst, int dstPort, byte[] packet);

        Optional<SaCounters> counters(SaRef sa);

        @Override
        void close();
    }

    /** The SA types pluto registers for when it opens the socket (facts §9). */
    public static final List<SaType> REGISTERED = List.of(SaType.AH, SaType.ESP, SaType.X_COMP, SaType.X_IPIP);
    /** The tunnel SPI counter's start: pre-incremented, so the first IPIP SA is {@code tun.1001@...}. */
    static final long TUNNEL_SPI_BASE = 0x1000;
    private static final int REPLY_MILLIS = 5000;
    private static final int POLL_MILLIS = 200;

    /** What names an SA in KLIPS: protocol, SPI, destination. */
    private record Key(SaProto proto, long spi, InetAddress dst) {
        static Key of(SaRef r) {
            return new Key(r.proto(), r.spi(), r.dst());
        }
    }

    private final String name;
    private final PfKeySocket socket;
    private final PfKeyMessages messages;
    private final Direct direct;
    private final AcquireListener acquires;
    private final Consumer<String> log;
    private final Consumer<String> debug;
    private final BlockingQueue<PfKeyMessage> answers = new LinkedBlockingQueue<>();
    /** An SA added in tunnel mode → the IPIP SA grouped before it. */
    private final Map<Key, SaRef> tunnels = new HashMap<>();
    /** The outer SA of a group → its inner SA. */
    private final Map<Key, SaRef> innerOf = new HashMap<>();
    private final Thread reader;
    private long tunnelSpi = TUNNEL_SPI_BASE;
    private volatile boolean closed;

    private PfKeyKernel(String name, PfKeySocket socket, long pid, Direct direct, AcquireListener acquires,
                        Consumer<String> log, Consumer<String> debug) {
        if (pid == 0) {
            throw new IllegalArgumentException("pid 0 is the kernel's");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.messages = new PfKeyMessages(pid);
        this.direct = Objects.requireNonNull(direct, "direct");
        this.acquires = Objects.requireNonNull(acquires, "acquires");
        this.log = Objects.requireNonNull(log, "log");
        this.debug = Objects.requireNonNull(debug, "debug");
        this.reader = new Thread(this::readLoop, "pfkey-in");
        reader.setDaemon(true);
    }

    /**
     * Starts reading {@code socket} and registers for AH, ESP, X_COMP and X_IPIP. A type the
     * kernel refuses is logged ({@code no KLIPS support for ...}), as pluto did; a kernel that does
     * not answer at all is a {@link KernelException}, and everything is closed again.
     *
     * @param pid      pluto's pid: the {@code sadb_msg_pid} of its requests and their answers
     * @param direct   what is done outside PF_KEY; closed with this kernel
     * @param acquires receives the kernel's {@code SADB_ACQUIRE}s, on the reader thread
     * @param log      problems: refused registrations, dropped kernel messages
     * @param debug    one line per message written ({@code pfkey: >}) and read ({@code pfkey: <})
     */
    public static PfKeyKernel open(String name, PfKeySocket socket, long pid, Direct direct, AcquireListener acquires,
                                   Consumer<String> log, Consumer<String> debug) throws KernelException {
        PfKeyKernel k = new PfKeyKernel(name, socket, pid, direct, acquires, log, debug);
        k.reader.start();
        try {
            k.register();
        } catch (KernelException | RuntimeException e) {
            k.close();
            throw e;
        }
        return k;
    }

    private void register() throws KernelException {
        for (SaType t : REGISTERED) {
            PfKeyMessage r = exchange(messages.register(t), "SADB_REGISTER of " + t.sadbName());
            if (r.header().errno() != 0) {
                log.accept("pfkey: no KLIPS support for " + t.sadbName() + " (" + errno(r) + ")");
            } else {
                debug.accept("pfkey: " + t.sadbName() + " supported: " + supported(r));
            }
        }
    }

    private static String supported(PfKeyMessage r) {
        StringBuilder sb = new StringBuilder();
        for (ExtType t : List.of(ExtType.SUPPORTED_AUTH, ExtType.SUPPORTED_ENCRYPT)) {
            Optional<SadbSupported> s = r.find(t, SadbSupported.class);
            sb.append(t == ExtType.SUPPORTED_AUTH ? "auth" : " encrypt");
            if (s.isEmpty() || s.get().algs().isEmpty()) {
                sb.append(" -");
            }
            s.ifPresent(x -> x.algs().forEach(a -> sb.append(' ').append(a.id()).append('(').append(a.minBits())
                    .append('-').append(a.maxBits()).append(')')));
        }
        return sb.toString();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long getSpi(SaProto proto, InetAddress src, InetAddress dst, long min, long max) throws KernelException {
        String what = "SADB_GETSPI of a " + proto.prefix() + " SPI to " + dst.getHostAddress();
        PfKeyMessage r = request(build(what, () -> messages.getSpi(proto, src, dst, min, max)), what);
        try {
            return r.require(ExtType.SA, SadbSa.class).spi();
        } catch (PfKeyException e) {
            throw new KernelException(what + ": the answer has no SPI (" + e.getMessage() + ")");
        }
    }

    /**
     * {@code SADB_ADD}. With {@link SaParams#tunnel()}, first the X_IPIP SA with the next tunnel
     * SPI and the same addresses, then the SA, then {@code SADB_X_GRPSA} of the two; if the SA or
     * the group is refused, what was added is deleted again.
     */
    @Override
    public void addSa(SaParams sa) throws KernelException {
        SaRef ref = sa.sa();
        if (ref.proto() == SaProto.INT) {
            throw new KernelException("cannot add " + ref + ": shunts are eroute targets, not SAs");
        }
        SaRef tun = null;
        if (sa.tunnel() && ref.proto() != SaProto.IPIP) {
            tun = new SaRef(SaProto.IPIP, ++tunnelSpi, ref.src(), ref.dst());
            SaParams t = new SaParams(tun, sa.inbound(), true, 0, null, 0, null, 0, 0, 0, null, null, false);
            String what = "SADB_ADD of " + tun;
            request(build(what, () -> messages.add(t)), what);
        }
        boolean added = false;
        try {
            String what = "SADB_ADD of " + ref;
            request(build(what, () -> messages.add(sa)), what);
            added = true;
            if (tun != null) {
                request(messages.grpsa(tun, ref), "SADB_X_GRPSA of " + tun + " with " + ref);
                tunnels.put(Key.of(ref), tun);
            }
        } catch (KernelException e) {
            if (tun != null) {
                undo(tun);
                if (added) {
                    undo(ref);
                }
            }
            throw e;
        }
    }

    private void undo(SaRef ref) {
        try {
            request(messages.delete(ref), "SADB_DELETE of " + ref);
        } catch (KernelException e) {
            log.accept("pfkey: undoing " + ref + ": " + e.getMessage());
        }
    }

    /** {@code SADB_DELETE} of the SA, and of the IPIP SA added before it in tunnel mode. */
    @Override
    public void deleteSa(SaRef sa) throws KernelException {
        KernelException failed = null;
        try {
            request(messages.delete(sa), "SADB_DELETE of " + sa);
        } catch (KernelException e) {
            failed = e;
        }
        Key k = Key.of(sa);
        SaRef tun = tunnels.remove(k);
        if (tun != null) {
            try {
                request(messages.delete(tun), "SADB_DELETE of " + tun);
            } catch (KernelException e) {
                failed = failed == null ? e : failed;
            }
        }
        innerOf.remove(k);
        innerOf.values().removeIf(inner -> Key.of(inner).equals(k));
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void groupSas(SaRef inner, SaRef outer) throws KernelException {
        request(messages.grpsa(inner, outer), "SADB_X_GRPSA of " + inner + " with " + outer);
        innerOf.put(Key.of(outer), inner);
    }

    /**
     * {@code SADB_X_ADDFLOW} / {@code SADB_X_DELFLOW}. An eroute through an SA names the first SA of
     * its group, as KLIPS's eroutes did: the IPIP SA in tunnel mode.
     */
    @Override
    public void eroute(Eroute e) throws KernelException {
        SaRef target = e.sa();
        boolean delete = e.op() == Eroute.Op.DELETE;
        PfKeyMessage m;
        if (target != null && target.proto() == SaProto.INT) {
            Shunt s = Shunt.ofSpi(target.spi()).orElseThrow(() -> new KernelException(e + ": unknown shunt SPI 0x"
                    + Long.toHexString(target.spi())));
            String what = (delete ? "SADB_X_DELFLOW of " : "SADB_X_ADDFLOW of ") + flowText(e) + " => " + target;
            m = build(what, () -> delete ? messages.delFlow(e.ourClient(), e.peerClient())
                    : messages.addShunt(e.ourClient(), e.peerClient(), s, e.op() == Eroute.Op.REPLACE));
            request(m, what);
            return;
        }
        if (target == null && !delete) {
            throw new KernelException("SADB_X_ADDFLOW of " + flowText(e) + ": an eroute needs an SA or a shunt");
        }
        SaRef first = target == null ? null : first(target);
        Eroute named = new Eroute(e.op(), e.ourClient(), e.peerClient(), first);
        String what = (delete ? "SADB_X_DELFLOW of " : "SADB_X_ADDFLOW of ") + flowText(e)
                + (first == null ? "" : " => " + first);
        request(build(what, () -> messages.eroute(named)), what);
    }

    private static String flowText(Eroute e) {
        return e.ourClient() + " -> " + e.peerClient();
    }

    /** The SA processed first in {@code sa}'s group: down the inner links, then its IPIP SA if it has one. */
    private SaRef first(SaRef sa) {
        SaRef head = sa;
        for (int i = 0; i < 8 && innerOf.containsKey(Key.of(head)); i++) {
            head = innerOf.get(Key.of(head));
        }
        SaRef tun = tunnels.get(Key.of(head));
        return tun != null ? tun : head;
    }

    @Override
    public void route(Route route) throws KernelException {
        direct.route(route);
    }

    @Override
    public void espInUdp(InetAddress src, int srcPort, InetAddress dst, int dstPort, byte[] packet) {
        direct.espInUdp(src, srcPort, dst, dstPort, packet);
    }

    /** Read directly, as pluto's {@code whack --status} read KLIPS's {@code /proc/net/ipsec_spi}. */
    @Override
    public Optional<SaCounters> counters(SaRef sa) {
        return direct.counters(sa);
    }

    // ---- the socket -----------------------------------------------------------------------

    private static PfKeyMessage build(String what, Supplier<PfKeyMessage> builder) throws KernelException {
        try {
            return builder.get();
        } catch (IllegalArgumentException e) {
            throw new KernelException(what + ": " + e.getMessage());
        }
    }

    /** {@link #exchange}, with an errno in the answer thrown: {@code SADB_ADD of esp.1234@192.0.2.2 failed: EEXIST (File exists)}. */
    private PfKeyMessage request(PfKeyMessage m, String what) throws KernelException {
        PfKeyMessage r = exchange(m, what);
        if (r.header().errno() != 0) {
            throw new KernelException(what + " failed: " + errno(r));
        }
        return r;
    }

    private static String errno(PfKeyMessage answer) {
        int n = answer.header().errno();
        return Errno.of(n).map(Errno::describe).orElse("errno " + n);
    }

    /**
     * Writes {@code m} and waits for the kernel's answer to it (a failed write counts as an answer
     * with that errno); its keys are zeroised once written.
     */
    private synchronized PfKeyMessage exchange(PfKeyMessage m, String what) throws KernelException {
        if (closed) {
            throw new KernelException(what + ": the PF_KEY socket is closed");
        }
        byte[] bytes;
        try {
            bytes = m.encode();
        } finally {
            m.wipeKeys();
        }
        debug.accept("pfkey: > " + m.summary());
        try {
            socket.write(bytes);
        } catch (PfKeyException e) {
            return PfKeyMessages.error(m, e.errno());
        } catch (IOException e) {
            throw new KernelException(what + " failed: " + e, e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_MILLIS);
        while (true) {
            long left = deadline - System.nanoTime();
            PfKeyMessage r;
            try {
                r = left <= 0 ? null : answers.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KernelException(what + ": interrupted waiting for the kernel's answer");
            }
            if (r == null) {
                throw new KernelException(what + ": no answer from the kernel in " + REPLY_MILLIS / 1000 + " s");
            }
            if (r.header().seq() != m.header().seq() || r.type() != m.type()) {
                log.accept("pfkey: dropping a late answer: " + r.summary());
                continue;
            }
            return r;
        }
    }

    private void readLoop() {
        while (!closed) {
            byte[] b;
            try {
                b = socket.read(POLL_MILLIS);
            } catch (IOException e) {
                if (!closed) {
                    log.accept("pfkey: reading " + socket + ": " + e + "; no more kernel messages");
                }
                return;
            }
            if (b == null) {
                continue;
            }
            try {
                take(b);
            } catch (RuntimeException e) {
                log.accept("pfkey: dropping a kernel message: " + e);
            }
        }
    }

    /** One message from the kernel: an answer, an ACQUIRE, or something to drop. */
    private void take(byte[] b) {
        PfKeyMessage m;
        try {
            m = PfKeyMessage.decode(b);
        } catch (PfKeyException e) {
            log.accept("pfkey: dropping a malformed kernel message of " + b.length + " bytes: " + e.getMessage());
            return;
        } finally {
            Arrays.fill(b, (byte) 0);
        }
        m.wipeKeys();
        debug.accept("pfkey: < " + m.summary());
        long pid = m.header().pid();
        if (pid == messages.pid()) {
            answers.add(m);
        } else if (pid != 0) {
            log.accept("pfkey: dropping " + m.summary() + ": not ours");
        } else if (m.type() == SadbMsgType.ACQUIRE) {
            Acquire a;
            try {
                a = PfKeyMessages.acquireOf(m);
            } catch (PfKeyException e) {
                log.accept("pfkey: dropping a bad SADB_ACQUIRE: " + e.getMessage());
                return;
            }
            acquires.acquire(a);
        } else if (m.type() == SadbMsgType.EXPIRE) {
            log.accept("pfkey: ignoring " + m.summary() + ": pluto rekeys on its own timers");
        } else {
            log.accept("pfkey: dropping an unexpected " + m.summary());
        }
    }

    /** Stops the reader, closes the socket, then closes what {@link Direct} stands for. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        direct.close();
    }
}
