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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jswan.klips.Acquire;
import org.jswan.klips.Eroute;
import org.jswan.klips.Kernel;
import org.jswan.klips.Route;
import org.jswan.klips.SaCounters;
import org.jswan.klips.SaProto;
import org.jswan.klips.SaRef;
import org.jswan.klips.Shunt;
import org.jswan.klips.esp.Ipv4;
import org.jswan.klips.pfkey.PfKeyKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend through the Kernel SPI, its reader threads on memory devices. */
class UserspaceKlipsTest {
    private static final long WAIT = 5000;

    /** Records ip(8) commands instead of running them. */
    static final class FakeLink extends LinkConfig {
        final List<String> commands = Collections.synchronizedList(new ArrayList<>());

        @Override
        void ip(String... args) {
            commands.add(String.join(" ", args));
        }
    }

    private final List<UserspaceKlips> started = new ArrayList<>();
    private final List<PfKeyKernel> kernels = new ArrayList<>();
    private final BlockingQueue<Acquire> acquires = new LinkedBlockingQueue<>();
    private final List<String> acquireThreads = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<byte[]> udpOut = new LinkedBlockingQueue<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private UserspaceKlips klips(MemoryPort tun, MemoryPort wire, FakeLink link, KlipsOptions o) {
        UserspaceKlips k = new UserspaceKlips(o, tun, wire, (s, sp, d, dp, payload) -> udpOut.add(payload.clone()),
                log::add, System::nanoTime, new Random(started.size()), link);
        k.start();
        started.add(k);
        return k;
    }

    /** pluto's side: PF_KEY over a socket to {@code k}. */
    private PfKeyKernel kernel(UserspaceKlips k) throws Exception {
        PfKeyKernel p = PfKeyKernel.open("klips", k.openPfKey(), 4242, k, x -> {
            acquireThreads.add(Thread.currentThread().getName());
            acquires.add(x);
        }, log::add, line -> { });
        kernels.add(p);
        return p;
    }

    @AfterEach
    void stop() {
        for (PfKeyKernel k : kernels) {
            k.close();
        }
        for (UserspaceKlips k : started) {
            k.close();
        }
    }

    /** True once {@code condition} holds, polled for at most {@link #WAIT} ms. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private static void tunnel(Kernel k, java.net.InetAddress me, java.net.InetAddress peer, long out, long in,
                               org.jswan.klips.Net ours, org.jswan.klips.Net theirs, int nat) throws Exception {
        k.addSa(Node.esp(new SaRef(SaProto.ESP, out, me, peer), false, true, nat, (int) out));
        k.addSa(Node.esp(new SaRef(SaProto.ESP, in, peer, me), true, true, nat, (int) in).withFlow(theirs, ours));
        k.eroute(new Eroute(Eroute.Op.ADD, ours, theirs, new SaRef(SaProto.ESP, out, me, peer)));
    }

    @Test
    void packetsCrossThroughTheReaderThreads() throws Exception {
        MemoryPort tunA = new MemoryPort();
        MemoryPort wireA = new MemoryPort();
        MemoryPort tunB = new MemoryPort();
        MemoryPort wireB = new MemoryPort();
        UserspaceKlips a = klips(tunA, wireA, new FakeLink(), KlipsOptions.defaults());
        UserspaceKlips b = klips(tunB, wireB, new FakeLink(), KlipsOptions.defaults());
        PfKeyKernel ka = kernel(a);
        assertEquals("klips", ka.name());
        tunnel(ka, GW_A, GW_B, 0x1001, 0x1002, NET_A, NET_B, 0);
        tunnel(kernel(b), GW_B, GW_A, 0x1002, 0x1001, NET_B, NET_A, 0);
        for (int i = 1; i <= 3; i++) {
            byte[] ping = icmp(HOST_A, HOST_B, i, 56);
            tunA.incoming.add(ping);
            byte[] esp = wireA.next(WAIT);
            assertNotNull(esp, "ESP on a's wire");
            assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(esp, 0));
            wireB.incoming.add(esp);
            assertArrayEquals(ping, tunB.next(WAIT), "out of b's ipsec0");
        }
        // the reader threads count a packet after passing it on: wait (bounded) for the third count
        SaRef out = new SaRef(SaProto.ESP, 0x1001, GW_A, GW_B);
        assertTrue(eventually(() -> a.stats().get(KlipsStats.Counter.ENCAPSULATED) == 3
                && ka.counters(out).orElseThrow().packets() == 3
                && b.counters(out).orElseThrow().packets() == 3), a.stats() + " " + b.stats());
        SaCounters c = ka.counters(out).orElseThrow();
        assertEquals(3, c.packets());
        assertEquals(3 * 84, c.bytes());
        assertTrue(c.idle().isPresent());
        assertEquals(3, b.counters(new SaRef(SaProto.ESP, 0x1001, GW_A, GW_B)).orElseThrow().packets(), "b's inbound SA");
        assertFalse(a.counters(new SaRef(SaProto.ESP, 0x7777, GW_A, GW_B)).isPresent());
        assertEquals(1, a.eroutes().size());
        assertTrue(a.eroutes().get(0).matches("3\\s+198.51.100.0/24\\s+-> 203.0.113.0/24\\s+=> tun.1001@192.0.2.2"),
                a.eroutes().get(0));
        assertTrue(a.spis().get(0).contains("SADB_X_EALG_AESCBC/SADB_AALG_SHA1HMAC"), a.spis().toString());
        assertEquals(3, a.stats().get(KlipsStats.Counter.ENCAPSULATED));
    }

    @Test
    void espInUdpComesInThroughTheSpi() throws Exception {
        MemoryPort tunA = new MemoryPort();
        MemoryPort tunB = new MemoryPort();
        UserspaceKlips a = klips(tunA, new MemoryPort(), new FakeLink(), KlipsOptions.defaults());
        UserspaceKlips b = klips(tunB, new MemoryPort(), new FakeLink(), KlipsOptions.defaults());
        tunnel(kernel(a), GW_A, GW_B, 0x1001, 0x1002, NET_A, NET_B, 4500);
        tunnel(kernel(b), GW_B, GW_A, 0x1002, 0x1001, NET_B, NET_A, 4500);
        byte[] ping = icmp(HOST_A, HOST_B, 1, 56);
        tunA.incoming.add(ping);
        byte[] esp = udpOut.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(esp);
        b.espInUdp(GW_A, 4500, GW_B, 4500, esp);
        assertArrayEquals(ping, tunB.next(WAIT));
    }

    @Test
    void trapRaisesAcquireThroughThePfKeyReader() throws Exception {
        MemoryPort tun = new MemoryPort();
        MemoryPort wire = new MemoryPort();
        PfKeyKernel a = kernel(klips(tun, wire, new FakeLink(), KlipsOptions.defaults()));
        a.eroute(new Eroute(Eroute.Op.ADD, NET_A, NET_B, Shunt.TRAP.ref()));
        tun.incoming.add(icmp(HOST_A, HOST_B, 1, 8));
        Acquire acq = acquires.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(acq);
        assertEquals(HOST_B, acq.dst());
        assertEquals("pfkey-in", acquireThreads.get(0), "read from the PF_KEY socket by its reader thread");
        assertTrue(wire.sent.isEmpty(), "held");
        SaRef out = new SaRef(SaProto.ESP, 0x1001, GW_A, GW_B);
        a.addSa(Node.esp(out, false, true, 0, 0x1001));
        a.eroute(new Eroute(Eroute.Op.REPLACE, NET_A, NET_B, out));
        byte[] esp = wire.next(WAIT);
        assertNotNull(esp, "released once the SA is there");
        assertEquals(Ipv4.PROTO_ESP, Ipv4.protocol(esp, 0));
    }

    @Test
    void routesAreConfiguredOnlyWhenAskedTo() throws Exception {
        FakeLink link = new FakeLink();
        UserspaceKlips a = klips(new MemoryPort(), new MemoryPort(), link, KlipsOptions.defaults());
        a.route(new Route(Route.Op.ROUTE, NET_B, "ipsec0", null));
        a.route(new Route(Route.Op.UNROUTE, NET_B, "ipsec0", null));
        assertEquals(List.of("route replace 203.0.113.0/24 dev ipsec0", "route del 203.0.113.0/24 dev ipsec0"),
                link.commands);
        FakeLink none = new FakeLink();
        UserspaceKlips b = klips(new MemoryPort(), new MemoryPort(), none, KlipsOptions.defaults().withManageRoutes(false));
        b.route(new Route(Route.Op.ROUTE, NET_B, "ipsec0", null));
        assertTrue(none.commands.isEmpty());
        assertTrue(log.stream().anyMatch(l -> l.contains("left to updown")));
    }

    @Test
    void closeStopsTheThreadsPromptly() throws Exception {
        PfKeyKernel a = kernel(klips(new MemoryPort(), new MemoryPort(), new FakeLink(), KlipsOptions.defaults()));
        long t0 = System.nanoTime();
        a.close();
        a.close();
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> (t.getName().startsWith("klips-")
                || t.getName().equals("pfkey-in")) && t.isAlive()));
        assertTrue(log.contains("klips: closed"));
    }
}
