package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.base.Secret;
import org.jswan.ike.base.Subnet;
import org.jswan.ike.engine.Effect;
import org.jswan.ike.engine.Input;
import org.jswan.ike.engine.kernel.KernelRequest;
import org.jswan.ike.whack.Debug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class EventLoopTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static byte[] status() {
        return Requests.status();
    }

    @Test
    void repliesStreamAcrossLoopTurnsAndCryptoComesBack() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> {
                if (in instanceof Input.Whack w) {
                    return List.of(new Effect.WhackLine(w.client(), 0, "one"),
                            new Effect.StartCrypto(w.client() * 100, () -> Thread.currentThread().getName()));
                }
                if (in instanceof Input.CryptoDone d) {
                    long client = d.job() / 100;
                    return List.of(new Effect.WhackLine(client, 4, "done on " + d.result()),
                            new Effect.WhackDone(client));
                }
                return List.of();
            };
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                List<String> lines = c.send(status()).readUntilEof(T);
                assertEquals(List.of("000 one", "004 done on pluto-crypto-1"), lines);
                assertTrue(c.sawEof());
            }
            Input.Whack w = h.await(Input.Whack.class);
            assertTrue(w.message().status());
            assertNull(w.listen());
            Input.CryptoDone d = h.await(Input.CryptoDone.class);
            assertFalse(d.now().isBefore(w.now()));
        }
    }

    @Test
    void aCryptoJobThatThrowsComesBackAsItsThrowable() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            IllegalStateException boom = new IllegalStateException("boom");
            h.engine.script = in -> in instanceof Input.Whack w
                    ? List.of(new Effect.StartCrypto(7, () -> {
                        throw boom;
                    }), new Effect.WhackDone(w.client()))
                    : List.of();
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(status()).readUntilEof(T);
            }
            Input.CryptoDone d = h.await(Input.CryptoDone.class);
            assertEquals(7, d.job());
            assertEquals(boom, d.result());
        }
    }

    @Test
    void garbageBecomesBadWhackWithTheDecodersWords() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> in instanceof Input.BadWhack b
                    ? List.of(new Effect.WhackLine(b.client(), 30, b.reason()), new Effect.WhackDone(b.client()))
                    : List.of();
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                assertEquals(List.of("030 ignoring runt message from whack: got 3 bytes"),
                        c.send(new byte[] {1, 2, 3}).halfClose().readUntilEof(T));
            }
            // Without a half-close the request is taken as complete once no more bytes come.
            long t0 = System.nanoTime();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                List<String> lines = c.send(new byte[16]).readUntilEof(T);
                assertEquals(1, lines.size());
                assertTrue(lines.get(0).startsWith("030 ignoring message from whack with bad magic 0;"), lines.get(0));
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(4)) < 0);
        }
    }

    @Test
    void aRequestInTwoWritesIsReassembled() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> in instanceof Input.Whack w
                    ? List.of(new Effect.WhackLine(w.client(), 0, "ok"), new Effect.WhackDone(w.client()))
                    : List.of();
            h.start();
            byte[] req = status();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(java.util.Arrays.copyOf(req, 5));
                Thread.sleep(50);
                c.send(java.util.Arrays.copyOfRange(req, 5, req.length));
                assertEquals(List.of("000 ok"), c.readUntilEof(T));
            }
            assertTrue(h.inputs(Input.BadWhack.class).isEmpty());
        }
    }

    @Test
    void aSilentClientBlocksNobodyAndIsClosedAfterFiveSeconds() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> in instanceof Input.Whack w
                    ? List.of(new Effect.WhackLine(w.client(), 0, "status"), new Effect.WhackDone(w.client()))
                    : List.of();
            h.start();
            try (WhackTestClient silent = new WhackTestClient(h.ctl)) {
                long t0 = System.nanoTime();
                try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                    assertEquals(List.of("000 status"), c.send(status()).readUntilEof(T));
                }
                assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(3)) < 0);
                silent.readUntilEof(Duration.ofSeconds(8));
                assertTrue(silent.sawEof(), "the silent client was not closed");
                assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofMillis(4500)) > 0);
            }
            assertEquals(1, h.inputs(Input.Whack.class).size());
            assertTrue(h.inputs(Input.BadWhack.class).isEmpty(), "a client that sent nothing is not a request");
        }
    }

    @Test
    void aClientThatGoesAwayIsReportedOnce() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> in instanceof Input.Whack w
                    ? List.of(new Effect.WhackLine(w.client(), 0, "negotiating"))
                    : List.of();
            h.start();
            long id;
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(status());
                id = h.await(Input.Whack.class).client();
            }
            Input.WhackGone g = h.await(Input.WhackGone.class);
            assertEquals(id, g.client());
            Thread.sleep(100);
            assertEquals(1, h.inputs(Input.WhackGone.class).size());
        }
    }

    @Test
    void aClientThatReadsNothingIsDroppedNotWaitedFor() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            String kb = "x".repeat(1000);
            h.engine.script = in -> {
                if (in instanceof Input.Whack w) {
                    List<Effect> out = new ArrayList<>();
                    for (int i = 0; i < 6000; i++) {
                        out.add(new Effect.WhackLine(w.client(), 0, kb));
                    }
                    return out;
                }
                return List.of();
            };
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(status());
                h.await(Input.WhackGone.class);
                h.awaitLog(l -> l.contains("is not reading its replies"), T);
            }
        }
    }

    @Test
    void listenRequestsCarryTheMachinesInterfacesAndSecrets() throws Exception {
        Path secrets = dir.resolve("ipsec.secrets");
        Files.writeString(secrets, "127.0.0.1 127.0.0.2 : PSK \"not shown\"\n");
        try (LoopHarness h = new LoopHarness(dir, WhackDecoder.codec(), 0, List.of("lo"), secrets.toString())) {
            h.engine.script = in -> in instanceof Input.Whack w ? List.of(new Effect.WhackDone(w.client())) : List.of();
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(Requests.listen()).readUntilEof(T);
            }
            Input.ListenFacts f = h.await(Input.Whack.class).listen();
            assertNotNull(f);
            assertTrue(f.interfaces().contains(new Input.NetInterface("lo", IpAddress.parse("127.0.0.1"))),
                    String.valueOf(f.interfaces()));
            assertTrue(f.interfaces().stream().allMatch(i -> i.name().equals("lo")));
            assertEquals(1, f.secrets().table().size());
            assertEquals(List.of(new Input.LogNote(2, "loading secrets from \"" + secrets + "\"")), f.secrets().notes());
        }
        // Without --listen nothing is looked at.
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> in instanceof Input.Whack w ? List.of(new Effect.WhackDone(w.client())) : List.of();
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(Requests.status()).readUntilEof(T);
            }
            assertNull(h.await(Input.Whack.class).listen());
        }
    }

    @Test
    void udpSocketsOpenReceiveSendAndClose() throws Exception {
        int port = freeUdpPort();
        Endpoint local = new Endpoint(IpAddress.parse("127.0.0.1"), port);
        Endpoint nowhere = new Endpoint(IpAddress.parse("127.0.0.2"), 500);
        try (LoopHarness h = new LoopHarness(dir); DatagramChannel peer = DatagramChannel.open(StandardProtocolFamily.INET)) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            peer.socket().setSoTimeout(5000);
            h.engine.script = in -> {
                if (in instanceof Input.Whack w) {
                    return List.of(new Effect.OpenSocket("lo", local), new Effect.WhackDone(w.client()));
                }
                if (in instanceof Input.Packet p) {
                    byte[] b = p.data().toArray();
                    if (b[0] == 'q') {
                        return List.of(new Effect.CloseSocket(local));
                    }
                    return List.of(new Effect.Send(p.to(), p.from(), Bytes.copyOf(new StringBuilder(new String(b))
                            .reverse().toString().getBytes())), new Effect.Send(nowhere, p.from(), p.data()));
                }
                return List.of();
            };
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(status()).readUntilEof(T);
            }
            peer.send(ByteBuffer.wrap("hello".getBytes()), new InetSocketAddress("127.0.0.1", port));
            Input.Packet p = h.await(Input.Packet.class);
            assertEquals(Bytes.copyOf("hello".getBytes()), p.data());
            assertEquals(local, p.to());
            assertEquals(((InetSocketAddress) peer.getLocalAddress()).getPort(), p.from().port());
            ByteBuffer rx = ByteBuffer.allocate(100);
            peer.configureBlocking(true);
            peer.receive(rx);
            assertEquals("olleh", new String(rx.array(), 0, rx.position()));
            h.awaitLog(l -> l.equals("ERROR: no IKE socket on 127.0.0.2:500; 5-byte message to " + p.from()
                    + " dropped"), T);

            peer.send(ByteBuffer.wrap("q".getBytes()), new InetSocketAddress("127.0.0.1", port));
            h.await(Input.Packet.class, x -> x.data().get(0) == 'q', T);
            Thread.sleep(100);
            try (DatagramChannel again = DatagramChannel.open(StandardProtocolFamily.INET)) {
                again.bind(new InetSocketAddress("127.0.0.1", port)); // closed, so free again
            }
        }
    }

    @Test
    void theEngineIsTickedWhenItsDeadlineComes() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> {
                if (in instanceof Input.Whack w) {
                    h.engine.deadline = w.now().plus(Duration.ofMillis(200));
                    return List.of(new Effect.WhackDone(w.client()));
                }
                if (in instanceof Input.Tick) {
                    h.engine.deadline = null;
                }
                return List.of();
            };
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(status()).readUntilEof(T);
            }
            Input.Whack w = h.await(Input.Whack.class);
            Input.Tick t = h.await(Input.Tick.class);
            Duration late = w.now().plus(Duration.ofMillis(200)).until(t.now());
            assertFalse(late.isNegative(), "ticked early: " + late);
            assertTrue(late.compareTo(Duration.ofSeconds(2)) < 0, "ticked late: " + late);
            Thread.sleep(300);
            assertEquals(1, h.inputs(Input.Tick.class).size());
        }
    }

    @Test
    void kernelRequestsAreLoggedAtDebugKlipsAndNotedOnce() throws Exception {
        IpAddress a = IpAddress.parse("192.0.2.1");
        IpAddress b = IpAddress.parse("192.0.2.2");
        KernelRequest.SaSpec sa = new KernelRequest.SaSpec(KernelRequest.SaProto.ESP, 0x1234, a, b, false, true,
                3, Secret.copyOf(new byte[24]), 2, Secret.copyOf(new byte[16]), 0, 0);
        KernelRequest add = new KernelRequest.AddSas("c", 1, List.of(sa), Subnet.parse("10.0.1.0/24"),
                Subnet.parse("10.0.2.0/24"), false);
        try (LoopHarness h = new LoopHarness(dir, WhackDecoder.codec(), Debug.KLIPS, List.of())) {
            h.engine.script = in -> in instanceof Input.Whack w
                    ? List.of(new Effect.Kernel(add), new Effect.Kernel(add), new Effect.WhackDone(w.client()))
                    : List.of();
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(status()).readUntilEof(T);
            }
            h.awaitLog(l -> l.equals("| kernel: " + add.describe()), T);
            h.awaitLog(l -> l.startsWith("| kernel: none: would add esp.1234@192.0.2.2"), T);
            assertEquals(1, h.log.stream().filter(l -> l.startsWith("kernel backend \"none\"")).count());
            assertTrue(h.log.stream().noneMatch(l -> l.contains("000000")), "key bytes reached the log");
        }
    }

    @Test
    void exitEndsTheLoopWithItsStatusAndAnEngineBugDoesNot() throws Exception {
        try (LoopHarness h = new LoopHarness(dir)) {
            h.engine.script = in -> {
                if (in instanceof Input.Whack w && w.message().shutdown()) {
                    return List.of(new Effect.Log(Effect.LogLevel.INFO, "shutting down"),
                            new Effect.WhackDone(w.client()), new Effect.Exit(7),
                            new Effect.Log(Effect.LogLevel.INFO, "after exit"));
                }
                throw new IllegalStateException("engine bug");
            };
            h.start();
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(status()).readUntilEof(Duration.ofMillis(500));
            }
            h.awaitLog(l -> l.startsWith("ERROR: internal error in the engine, handling Whack: "
                    + "java.lang.IllegalStateException: engine bug"), T);
            try (WhackTestClient c = new WhackTestClient(h.ctl)) {
                c.send(Requests.shutdown()).readUntilEof(T);
            }
            assertEquals(7, h.awaitExit(T));
            assertTrue(h.log.contains("shutting down"));
            assertFalse(h.log.contains("after exit"));
            h.loop.shutdown();
            assertFalse(Files.exists(h.ctl));
        }
    }

    @Test
    void monotonicTimeOnlyMovesForward() throws Exception {
        MonoClock c = new MonoClock();
        MonoTime a = c.now();
        Thread.sleep(2);
        assertTrue(c.now().isAfter(a));
        assertInstanceOf(MonoTime.class, a);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramChannel d = DatagramChannel.open(StandardProtocolFamily.INET)) {
            d.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) d.getLocalAddress()).getPort();
        }
    }
}
