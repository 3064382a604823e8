package org.jswan.klips.userspace;

import static org.jswan.klips.userspace.Packets.GW_A;
import static org.jswan.klips.userspace.Packets.GW_B;
import static org.jswan.klips.userspace.Packets.HOST_A;
import static org.jswan.klips.userspace.Packets.HOST_B;
import static org.jswan.klips.userspace.Packets.NET_A;
import static org.jswan.klips.userspace.Packets.NET_B;
import static org.jswan.klips.userspace.Packets.icmp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jswan.klips.Acquire;
import org.jswan.klips.Eroute;
import org.jswan.klips.KernelException;
import org.jswan.klips.SaParams;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.jswan.klips.Shunt;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.pfkey.Errno;
import org.jswan.klips.pfkey.ExtType;
import org.jswan.klips.pfkey.InProcessPfKeySocket;
import org.jswan.klips.pfkey.PfKeyException;
import org.jswan.klips.pfkey.PfKeyKernel;
import org.jswan.klips.pfkey.PfKeyMessage;
import org.jswan.klips.pfkey.PfKeyMessages;
import org.jswan.klips.pfkey.PfKeySocket;
import org.jswan.klips.pfkey.SaFlags;
import org.jswan.klips.pfkey.SaType;
import org.jswan.klips.pfkey.SadbAddress;
import org.jswan.klips.pfkey.SadbLifetime;
import org.jswan.klips.pfkey.SadbMsg;
import org.jswan.klips.pfkey.SadbMsgType;
import org.jswan.klips.pfkey.SadbSa;
import org.jswan.klips.pfkey.SockAddr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * pluto's {@link PfKeyKernel} against the userspace KLIPS's PF_KEY end, on memory devices: the
 * messages on the socket, what they do to the datapath, and the errors and oddities of both ends.
 */
class PfKeyKernelTest {
    private static final long WAIT = 5000;
    private static final int PID = 4242;

    /** The PF_KEY socket with what crossed it, in order: "> " written, "< " read. */
    static final class Recording implements PfKeySocket {
        final InProcessPfKeySocket inner;
        final List<PfKeyMessage> written = Collections.synchronizedList(new ArrayList<>());
        final List<PfKeyMessage> read = Collections.synchronizedList(new ArrayList<>());

        Recording(PfKeySocket inner) {
            this.inner = (InProcessPfKeySocket) inner;
        }

        @Override
        public void write(byte[] message) throws PfKeyException, IOException {
            written.add(PfKeyMessage.decode(message.clone()));
            inner.write(message);
        }

        @Override
        public byte[] read(int timeoutMillis) throws IOException {
            byte[] b = inner.read(timeoutMillis);
            if (b != null) {
                try {
                    read.add(PfKeyMessage.decode(b.clone()));
                } catch (PfKeyException e) {
                    // garbage the test delivered on purpose: the kernel under test must cope
                }
            }
            return b;
        }

        @Override
        public void close() {
            inner.close();
        }

        /** Type, SA type and extensions of each message written since {@code from}. */
        List<String> writtenShapes(int from) {
            List<String> out = new ArrayList<>();
            for (PfKeyMessage m : written.subList(from, written.size())) {
                out.add(shape(m));
            }
            return out;
        }
    }

    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<Acquire> acquires = new LinkedBlockingQueue<>();
    private final List<String> acquireThreads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> debug = Collections.synchronizedList(new ArrayList<>());

    /** One side: a KLIPS on memory ports, and pluto's PfKeyKernel over a recorded socket to it. */
    private final class Side {
        final MemoryPort tun = new MemoryPort();
        final MemoryPort wire = new MemoryPort();
        final UserspaceKlips klips;
        final Recording socket;
        final PfKeyKernel kernel;

        Side(int seed) throws KernelException {
            klips = new UserspaceKlips(KlipsOptions.defaults(), tun, wire, (s, sp, d, dp, p) -> { }, log::add,
                    System::nanoTime, new Random(seed), new UserspaceKlipsTest.FakeLink());
            klips.start();
            open.add(klips);
            socket = new Recording(klips.openPfKey());
            kernel = PfKeyKernel.open("klips", socket, PID, klips, a -> {
                acquireThreads.add(Thread.currentThread().getName());
                acquires.add(a);
            }, log::add, debug::add);
            open.add(kernel);
        }
    }

    @AfterEach
    void close() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static String shape(PfKeyMessage m) {
        String s = m.summary();
        return s.replaceFirst(" seq \\d+ pid \\d+:", ":");
    }

    private static void tunnel(PfKeyKernel k, java.net.InetAddress me, java.net.InetAddress peer, long out, long in,
                               org.jswan.klips.Net ours, org.jswan.klips.Net theirs) throws Exception {
        k.addSa(Node.esp(new SaRef(SaProto.ESP, out, me, peer), false, true, 0, (int) out).withFlow(ours, theirs));
        k.addSa(Node.esp(new SaRef(SaProto.ESP, in, peer, me), true, true, 0, (int) in).withFlow(theirs, ours));
        k.eroute(new Eroute(Eroute.Op.ADD, ours, theirs, new SaRef(SaProto.ESP, out, me, peer)));
    }

    @Test
    void aTunnelEspPairAndItsErouteAreTheseMessages() throws Exception {
        Side a = new Side(1);
        Side b = new Side(2);
        String flows = " X_ADDRESS_SRC_FLOW X_ADDRESS_DST_FLOW X_ADDRESS_SRC_MASK X_ADDRESS_DST_MASK";
        assertEquals(List.of(
                "SADB_REGISTER SADB_SATYPE_AH: -",
                "SADB_REGISTER SADB_SATYPE_ESP: -",
                "SADB_REGISTER SADB_X_SATYPE_COMP: -",
                "SADB_REGISTER SADB_X_SATYPE_IPIP: -"), a.socket.writtenShapes(0));
        int registers = a.socket.written.size();
        tunnel(a.kernel, GW_A, GW_B, 0x2001, 0x2002, NET_A, NET_B);
        tunnel(b.kernel, GW_B, GW_A, 0x2002, 0x2001, NET_B, NET_A);
        assertEquals(List.of(
                "SADB_ADD SADB_X_SATYPE_IPIP: SA ADDRESS_SRC ADDRESS_DST",
                "SADB_ADD SADB_SATYPE_ESP: SA ADDRESS_SRC ADDRESS_DST KEY_AUTH KEY_ENCRYPT" + flows,
                "SADB_X_GRPSA SADB_X_SATYPE_IPIP: SA ADDRESS_DST X_SATYPE2 X_SA2 X_ADDRESS_DST2",
                "SADB_ADD SADB_X_SATYPE_IPIP: SA ADDRESS_SRC ADDRESS_DST",
                "SADB_ADD SADB_SATYPE_ESP: SA ADDRESS_SRC ADDRESS_DST KEY_AUTH KEY_ENCRYPT" + flows,
                "SADB_X_GRPSA SADB_X_SATYPE_IPIP: SA ADDRESS_DST X_SATYPE2 X_SA2 X_ADDRESS_DST2",
                "SADB_X_ADDFLOW SADB_X_SATYPE_IPIP: SA ADDRESS_SRC ADDRESS_DST" + flows),
                a.socket.writtenShapes(registers));
        List<PfKeyMessage> w = a.socket.written;
        // the tunnel SPIs count from 0x1001 (facts §7.3); the eroute names the outbound IPIP SA
        assertEquals(0x1001, w.get(registers).require(ExtType.SA, SadbSa.class).spi());
        assertEquals(0x1002, w.get(registers + 3).require(ExtType.SA, SadbSa.class).spi());
        assertEquals(0x1001, w.get(registers + 6).require(ExtType.SA, SadbSa.class).spi());
        assertEquals(0, w.get(registers + 1).require(ExtType.SA, SadbSa.class).flags() & SaFlags.X_JSWAN_INBOUND);
        assertEquals(SaFlags.X_JSWAN_INBOUND,
                w.get(registers + 4).require(ExtType.SA, SadbSa.class).flags() & SaFlags.X_JSWAN_INBOUND);
        for (int i = 0; i < w.size(); i++) {
            assertEquals(PID, w.get(i).header().pid());
            assertEquals(i + 1, w.get(i).header().seq(), "pluto's own sequence numbers");
        }
        // every request got its answer: same type, seq and pid, no errno, no keys
        List<PfKeyMessage> answers = a.socket.read;
        assertEquals(w.size(), answers.size());
        for (int i = 0; i < w.size(); i++) {
            PfKeyMessage q = w.get(i);
            PfKeyMessage r = answers.get(i);
            assertEquals(List.of(q.type(), q.header().seq(), (long) PID, 0),
                    List.of(r.type(), r.header().seq(), r.header().pid(), r.header().errno()));
            assertTrue(!r.has(ExtType.KEY_AUTH) && !r.has(ExtType.KEY_ENCRYPT), r.summary());
        }
        assertTrue(answers.get(1).has(ExtType.SUPPORTED_ENCRYPT), "REGISTER ESP is answered with the algorithms");
        // debug: one line per message each way, with no key in any of them
        assertTrue(debug.contains("pfkey: > " + w.get(registers + 1).summary()), debug.toString());
        assertTrue(debug.contains("pfkey: < " + answers.get(registers + 1).summary()), debug.toString());
        assertTrue(debug.stream().noneMatch(l -> l.contains("secret") || l.contains("{")), debug.toString());

        // and a packet goes through
        byte[] ping = icmp(HOST_A, HOST_B, 1, 56);
        a.tun.incoming.add(ping);
        byte[] esp = a.wire.next(WAIT);
        assertNotNull(esp, "ESP on a's wire");
        assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(esp, 0));
        b.wire.incoming.add(esp);
        assertArrayEquals(ping, b.tun.next(WAIT), "out of b's ipsec0");
        assertEquals(1, a.kernel.counters(new SaRef(SaProto.ESP, 0x2001, GW_A, GW_B)).orElseThrow().packets());
        assertTrue(a.klips.eroutes().get(0).endsWith("=> tun.1001@192.0.2.2"), a.klips.eroutes().toString());
        assertTrue(b.klips.spis().stream().anyMatch(l -> l.startsWith("esp.2001@192.0.2.2 ") && l.contains("dir=in")),
                b.klips.spis().toString());
        assertTrue(b.klips.spis().stream().anyMatch(l -> l.startsWith("tun.1002@192.0.2.2 IPIP: dir=in")
                && l.contains("next=esp.2001@192.0.2.2")), b.klips.spis().toString());
    }

    private static String refused(ThrowingRunnable r) {
        return assertThrows(KernelException.class, r::run).getMessage();
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void theKernelsErrnoBecomesAKernelExceptionNamingTheMessage() throws Exception {
        Side a = new Side(3);
        SaRef esp = new SaRef(SaProto.ESP, 0x1234, GW_A, GW_B);
        a.kernel.addSa(Node.esp(esp, false, false, 0, 1));
        assertEquals("SADB_ADD of esp.1234@192.0.2.2 failed: EEXIST (File exists)",
                refused(() -> a.kernel.addSa(Node.esp(esp, false, false, 0, 1))));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("klips: PF_KEY: refused SADB_ADD SADB_SATYPE_ESP")
                && l.endsWith("esp.1234@192.0.2.2 exists")), log.toString());
        assertEquals("SADB_DELETE of esp.7777@192.0.2.2 failed: ESRCH (No such process)",
                refused(() -> a.kernel.deleteSa(new SaRef(SaProto.ESP, 0x7777, GW_A, GW_B))));
        SaRef bad = new SaRef(SaProto.ESP, 0x1235, GW_A, GW_B);
        assertEquals("SADB_ADD of esp.1235@192.0.2.2 failed: EINVAL (Invalid argument)",
                refused(() -> a.kernel.addSa(new SaParams(bad, false, false, 7, Packets.key(16, 1), 3,
                        Packets.key(20, 1), 0, 0))));
        assertTrue(log.stream().anyMatch(l -> l.contains("encryption algorithm 7 not supported")), log.toString());
        assertEquals("SADB_X_GRPSA of esp.1234@192.0.2.2 with ah.9999@192.0.2.2 failed: ESRCH (No such process)",
                refused(() -> a.kernel.groupSas(esp, new SaRef(SaProto.AH, 0x9999, GW_A, GW_B))));
        a.kernel.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, esp));
        assertEquals("SADB_X_ADDFLOW of 198.51.100.0/24 -> 203.0.113.0/24 => esp.1234@192.0.2.2 failed: EEXIST"
                + " (File exists)", refused(() -> a.kernel.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, esp))));
        a.kernel.eroute(new Eroute(Eroute.Op.REPLACE, NET_A, NET_B, Shunt.PASS.ref()));
        a.kernel.eroute(new Eroute(Eroute.Op.DELETE, NET_A, NET_B, null));
        assertEquals("SADB_X_DELFLOW of 198.51.100.0/24 -> 203.0.113.0/24 failed: ESRCH (No such process)",
                refused(() -> a.kernel.eroute(new Eroute(Eroute.Op.DELETE, NET_A, NET_B, null))));

        // a tunnel-mode SA the kernel refuses leaves no IPIP SA behind
        int before = a.klips.spis().size();
        assertTrue(refused(() -> a.kernel.addSa(new SaParams(bad, false, true, 7, Packets.key(16, 1), 3,
                Packets.key(20, 1), 0, 0))).startsWith("SADB_ADD of esp.1235@192.0.2.2 failed: EINVAL"));
        assertEquals(before, a.klips.spis().size(), a.klips.spis().toString());
        assertEquals("SADB_DELETE", a.socket.written.get(a.socket.written.size() - 1).type().sadbName());

        // deleting a tunnel-mode SA deletes its IPIP SA too
        SaRef t = new SaRef(SaProto.ESP, 0x1236, GW_A, GW_B);
        a.kernel.addSa(Node.esp(t, false, true, 0, 2));
        assertEquals(before + 2, a.klips.spis().size());
        a.kernel.deleteSa(t);
        assertEquals(before, a.klips.spis().size(), a.klips.spis().toString());
    }

    @Test
    void anAcquireComesThroughTheSocket() throws Exception {
        Side a = new Side(4);
        a.kernel.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.TRAP.ref()));
        assertEquals("SADB_X_ADDFLOW SADB_X_SATYPE_INT: SA ADDRESS_SRC ADDRESS_DST X_ADDRESS_SRC_FLOW"
                + " X_ADDRESS_DST_FLOW X_ADDRESS_SRC_MASK X_ADDRESS_DST_MASK", shape(last(a.socket.written)));
        assertEquals(Shunt.TRAP.spi(), last(a.socket.written).require(ExtType.SA, SadbSa.class).spi());
        a.tun.incoming.add(Packets.udp(HOST_A, HOST_B, 53, 8));
        Acquire acq = acquires.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(acq);
        assertEquals(List.of(HOST_A, HOST_B, 17, 53, NET_A, NET_B),
                List.of(acq.src(), acq.dst(), acq.protocol(), acq.dstPort(), acq.ourClient(), acq.peerClient()));
        assertEquals("pfkey-in", acquireThreads.get(0));
        PfKeyMessage m = waitFor(a.socket.read, x -> x.type() == SadbMsgType.ACQUIRE);
        assertEquals("SADB_ACQUIRE SADB_SATYPE_ESP: ADDRESS_SRC ADDRESS_DST PROPOSAL X_ADDRESS_SRC_FLOW"
                + " X_ADDRESS_DST_FLOW X_ADDRESS_SRC_MASK X_ADDRESS_DST_MASK", shape(m));
        assertEquals(0, m.header().pid(), "from the kernel");
        assertTrue(debug.contains("pfkey: < " + m.summary()));
    }

    @Test
    void anAcquireGoesOnlyToSocketsRegisteredForEsp() throws Exception {
        Side a = new Side(5);
        PfKeySocket unregistered = a.klips.openPfKey();
        open.add(unregistered);
        a.kernel.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.TRAP.ref()));
        a.tun.incoming.add(icmp(HOST_A, HOST_B, 1, 8));
        assertNotNull(acquires.poll(WAIT, TimeUnit.MILLISECONDS));
        assertEquals(null, unregistered.read(100));
    }

    @Test
    void whatTheKernelShouldNotSendIsLoggedAndDropped() throws Exception {
        Side a = new Side(6);
        InProcessPfKeySocket s = a.socket.inner;
        s.deliver(new byte[] {(byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
        s.deliver(new byte[5]);
        // an answer nobody waits for, a message for another process, an EXPIRE, an ACQUIRE without a proposal
        s.deliver(PfKeyMessages.reply(new PfKeyMessages(PID).flush(SaType.ESP)).encode());
        s.deliver(PfKeyMessages.reply(new PfKeyMessages(999).flush(SaType.ESP)).encode());
        SaRef r = new SaRef(SaProto.ESP, 0x4444, GW_A, GW_B);
        s.deliver(PfKeyMessages.kernel().expire(r, new SadbLifetime(ExtType.LIFETIME_CURRENT, 0, 0, 0, 0),
                new SadbLifetime(ExtType.LIFETIME_HARD, 0, 0, 0, 0)).encode());
        s.deliver(new PfKeyMessage(SadbMsg.of(SadbMsgType.ACQUIRE, SaType.ESP, 9, 0),
                SadbAddress.of(ExtType.ADDRESS_SRC, SockAddr.of(HOST_A)),
                SadbAddress.of(ExtType.ADDRESS_DST, SockAddr.of(HOST_B))).encode());
        s.deliver(new PfKeyMessage(SadbMsg.of(SadbMsgType.X_DEBUG, SaType.UNSPEC, 10, 0)).encode());
        waitFor(log, l -> l.startsWith("pfkey: dropping an unexpected SADB_X_DEBUG"));
        assertTrue(log.contains("pfkey: dropping a malformed kernel message of 16 bytes: EINVAL: sadb_msg_version"
                + " 255, not PF_KEY_V2 (2)"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("pfkey: dropping a malformed kernel message of 5 bytes")));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("pfkey: dropping SADB_FLUSH SADB_SATYPE_ESP seq 1 pid 999")
                && l.endsWith("not ours")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("pfkey: ignoring SADB_EXPIRE")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("pfkey: dropping a bad SADB_ACQUIRE: EINVAL: SADB_ACQUIRE"
                + " without SADB_EXT_PROPOSAL")), log.toString());
        assertTrue(acquires.isEmpty());
        // the reader lives on: the stray answer is dropped when the next request looks for its own
        a.kernel.addSa(Node.esp(r, false, false, 0, 1));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("pfkey: dropping a late answer: SADB_FLUSH")), log.toString());
        assertTrue(a.kernel.counters(r).isPresent());
    }

    @Test
    void theKernelEndAnswersAsAKernelSocketWould() throws Exception {
        Side a = new Side(7);
        Recording s = new Recording(a.klips.openPfKey());
        open.add(s);
        PfKeyMessages pluto = new PfKeyMessages(77);
        // a header the kernel cannot take fails the write
        byte[] bad = pluto.flush(SaType.UNSPEC).encode();
        bad[0] = 3;
        assertEquals(Errno.EINVAL, assertThrows(PfKeyException.class, () -> s.write(bad)).errno());
        // a missing extension: an error reply with the request's seq and pid
        PfKeyMessage add = pluto.add(Node.esp(new SaRef(SaProto.ESP, 0x5555, GW_A, GW_B), false, false, 0, 1));
        s.write(add.without(ExtType.ADDRESS_DST).encode());
        assertEquals(List.of(add.header().seq(), 77L, Errno.EINVAL.value()), answer(s));
        // GETSPI hands out an SPI in the range; UPDATE installs it; UPDATE of one not handed out is ESRCH
        s.write(pluto.getSpi(SaProto.ESP, GW_B, GW_A, 0x3000, 0x3000).encode());
        PfKeyMessage got = PfKeyMessage.decode(s.inner.read(1000));
        assertEquals(0x3000, got.require(ExtType.SA, SadbSa.class).spi());
        SaParams in = Node.esp(new SaRef(SaProto.ESP, 0x3000, GW_B, GW_A), true, false, 0, 1);
        PfKeyMessage update = pluto.update(in);
        s.write(update.encode());
        assertEquals(List.of(update.header().seq(), 77L, 0), answer(s));
        PfKeyMessage update2 = pluto.update(Node.esp(new SaRef(SaProto.ESP, 0x3001, GW_B, GW_A), true, false, 0, 1));
        s.write(update2.encode());
        assertEquals(List.of(update2.header().seq(), 77L, Errno.ESRCH.value()), answer(s));
        // FLUSH of ESP empties the SADB of ESP SAs
        s.write(pluto.flush(SaType.ESP).encode());
        assertEquals(0, answer(s).get(2));
        assertTrue(a.klips.spis().isEmpty(), a.klips.spis().toString());
        // what this KLIPS does not do
        s.write(new PfKeyMessage(SadbMsg.of(SadbMsgType.DUMP, SaType.UNSPEC, 50, 77)).encode());
        assertEquals(List.of(50L, 77L, Errno.EOPNOTSUPP.value()), answer(s));
        s.write(pluto.register(SaType.RSVP).encode());
        assertEquals(Errno.EINVAL.value(), answer(s).get(2));
    }

    @Test
    void disableArrivalCheckAndTheFlowReachTheKlips() throws Exception {
        Side a = new Side(8);
        SaRef in = new SaRef(SaProto.ESP, 0x6001, GW_B, GW_A);
        a.kernel.addSa(Node.esp(in, true, false, 0, 1).withFlow(NET_B, NET_A).withDisableArrivalCheck(true));
        assertTrue(log.contains("klips: added esp.6001@192.0.2.1 inbound transport enc 12 <key 16 bytes> auth 3"
                + " <key 20 bytes> flow 203.0.113.0/24->198.51.100.0/24 disablearrivalcheck"), log.toString());
        SadbSa sa = last(a.socket.written).require(ExtType.SA, SadbSa.class);
        assertEquals(SaFlags.X_JSWAN_INBOUND | SaFlags.X_JSWAN_NOARRIVALCHECK, sa.flags());
    }

    private static List<Object> answer(Recording s) throws Exception {
        byte[] b = s.inner.read(1000);
        assertNotNull(b, "an answer");
        PfKeyMessage m = PfKeyMessage.decode(b);
        return List.of(m.header().seq(), m.header().pid(), m.header().errno());
    }

    private static <T> T last(List<T> l) {
        return l.get(l.size() - 1);
    }

    private static <T> T waitFor(List<T> l, Predicate<T> p) throws InterruptedException {
        long end = System.nanoTime() + WAIT * 1_000_000L;
        while (System.nanoTime() < end) {
            synchronized (l) {
                for (T t : l) {
                    if (p.test(t)) {
                        return t;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not seen in " + WAIT + " ms: " + l);
    }
}
