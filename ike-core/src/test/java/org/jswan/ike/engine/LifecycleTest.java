package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.whack.Policy;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pluto(8) "Rekeying", --dontrekey, Deletes, INITIAL_CONTACT and Dead Peer Detection on the virtual clock. */
class LifecycleTest {
    static final String PSK = "192.0.2.1 192.0.2.2 : PSK \"lifecycle\"\n";
    static final long POLICY = Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL;

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    interface Tweak {
        void apply(WhackMessage.Builder b);
    }

    private void setUp(Tweak westTweak, Tweak eastTweak) {
        sim = new Sim(dir);
        west = sim.node("west", "192.0.2.1", 500, PSK, 61);
        east = sim.node("east", "192.0.2.2", 500, PSK, 62);
        add(west, westTweak);
        add(east, eastTweak);
    }

    private void add(Sim.Node n, Tweak t) {
        WhackMessage.Builder b = Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24", POLICY);
        b.rekeyFuzzPercent = 0;
        t.apply(b);
        sim.whack(n, b.build());
        sim.listen(n);
    }

    /** {@link #setUp}, then west initiates "net" and 1 s passes. */
    private void established(Tweak westTweak, Tweak eastTweak) {
        setUp(westTweak, eastTweak);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(1));
    }

    /** {@code whack --terminate --name net} to {@code n}. */
    private void terminate(Sim.Node n) {
        whack(n, b -> {
            b.terminate = true;
            b.name = "net";
        });
    }

    private long whack(Sim.Node n, Tweak t) {
        WhackMessage.Builder b = WhackMessage.builder();
        t.apply(b);
        return sim.whack(n, b.build());
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    private static long count(List<String> lines, String fragment) {
        return lines.stream().filter(l -> l.contains(fragment)).count();
    }

    @Test
    void theInitiatorRekeysAtLifetimeMinusMarginAndTheOldSaExpiresSuperseded() {
        Tweak t = b -> {
            b.ipsecLifetimeSeconds = 600;
            b.rekeyMarginSeconds = 60;
        };
        established(t, t);
        assertTrue(has(sim.status(west), "#2: \"net\":500 STATE_QUICK_I2") || has(sim.status(west),
                "EVENT_SA_REPLACE in 539s"), sim.status(west).toString());
        assertTrue(has(sim.status(east), "EVENT_SA_REPLACE in 569s"), "responder: half the margin " + sim.status(east));
        sim.run(Duration.ofSeconds(545));
        assertTrue(west.logged("\"net\" #2: replacing stale IPsec SA"), west.log.toString());
        assertTrue(west.logged("\"net\" #3: initiating Quick Mode PSK+ENCRYPT+TUNNEL to replace #2"), west.log.toString());
        assertTrue(has(sim.status(east), "#3: \"net\" STATE_QUICK_R2"), sim.status(east).toString());
        assertFalse(east.logged("replacing stale IPsec SA"), "the responder's older SA is not the newest: no rekey");
        sim.run(Duration.ofSeconds(120));
        assertFalse(has(sim.status(west), "#2: "), "old SA gone after its lifetime: " + sim.status(west));
        assertTrue(has(sim.status(west), "#3: \"net\" STATE_QUICK_I2"));
    }

    @Test
    void withShortLifetimesThePredecessorIsNotMistakenForARekeyCollision() {
        // found by UpdownSequenceIT: with a 30 s lifetime the 20 s old predecessor was called
        // "redundant (rekey collision)" and kept for 30 s more, so three SAs lived at once
        Tweak t = b -> {
            b.ipsecLifetimeSeconds = 30;
            b.rekeyMarginSeconds = 10;
        };
        setUp(t, t);
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(21));
        assertTrue(has(sim.status(west), "#3: \"net\" STATE_QUICK_I2"), sim.status(west).toString());
        assertTrue(has(sim.status(west), "#2: \"net\" STATE_QUICK_I2 (sent QI2, IPsec SA established); EVENT_SA_EXPIRE in 9s"),
                sim.status(west).toString());
        assertFalse(west.logged("redundant") || east.logged("redundant"), west.log + "\n" + east.log);
        sim.run(Duration.ofSeconds(10));
        assertFalse(has(sim.status(west), "#2: "), sim.status(west).toString());
        assertFalse(has(sim.status(east), "#2: "), sim.status(east).toString());
        assertEquals(2, west.states());
        assertEquals(2, east.states());
    }

    @Test
    void deletestateDeletesOneStateAndTellsThePeerWhileTheConnectionStays() {
        established(b -> { }, b -> { });
        long c = whack(west, b -> {
            b.deleteState = true;
            b.deleteStateNo = 2;
        });
        sim.run(Duration.ofSeconds(1));
        assertTrue(west.logged("\"net\" #2: deleting state (STATE_QUICK_I2)"), west.log.toString());
        assertTrue(east.logged("received Delete SA payload: deleting IPSEC State #2"), east.log.toString());
        assertFalse(has(sim.status(west), "#2: "), sim.status(west).toString());
        assertFalse(has(sim.status(east), "#2: "), sim.status(east).toString());
        assertTrue(has(sim.status(west), "#1: \"net\" STATE_MAIN_I4"), "the ISAKMP SA stays");
        assertTrue(has(sim.status(west), "\"net\": 198.51.100.0/24"), "the connection stays");
        long none = whack(west, b -> {
            b.deleteState = true;
            b.deleteStateNo = 99;
        });
        assertTrue(has(west.lines(none), "no state #99 to delete"), west.lines(none).toString());
        assertTrue(west.whackDone.contains(c));
    }

    @Test
    void terminateKeepsTheConnectionWhileDeleteRemovesIt() {
        established(b -> { }, b -> { });
        terminate(west);
        sim.run(Duration.ofSeconds(1));
        List<String> st = sim.status(west);
        assertFalse(has(st, "STATE_"), "terminate deletes every state: " + st);
        assertTrue(has(st, "\"net\": 198.51.100.0/24"), "terminate keeps the connection: " + st);
        assertEquals(0, east.states(), "the peer honoured the Deletes: " + sim.status(east));
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(1));
        assertTrue(has(sim.status(west), "STATE_QUICK_I2"), "a terminated connection can be initiated again");
        whack(west, b -> {
            b.delete = true;
            b.name = "net";
        });
        sim.run(Duration.ofSeconds(1));
        st = sim.status(west);
        assertFalse(has(st, "\"net\""), "delete removes the connection and its states: " + st);
        assertEquals(0, east.states(), sim.status(east).toString());
    }

    @Test
    void dontrekeyLetsUnusedSasExpire() {
        Tweak t = b -> {
            b.ipsecLifetimeSeconds = 300;
            b.rekeyMarginSeconds = 60;
            b.policy |= Policy.DONT_REKEY;
        };
        established(t, t);
        assertTrue(has(sim.status(west), "EVENT_SA_REPLACE_IF_USED"), sim.status(west).toString());
        assertTrue(has(sim.status(east), "#2: \"net\" STATE_QUICK_R2 (IPsec SA established); EVENT_SA_EXPIRE"),
                sim.status(east).toString());
        sim.run(Duration.ofSeconds(400));
        assertTrue(west.logged("not replacing IPsec SA: --dontrekey and no recent traffic"), west.log.toString());
        assertFalse(has(sim.status(west), "STATE_QUICK"), sim.status(west).toString());
    }

    /** The outbound ESP SA of the newest AddSas {@code n} asked its kernel for. */
    private static org.jswan.ike.engine.kernel.KernelRequest.SaSpec outboundEsp(Sim.Node n) {
        org.jswan.ike.engine.kernel.KernelRequest.SaSpec found = null;
        for (org.jswan.ike.engine.kernel.KernelRequest r : n.kernel) {
            if (r instanceof org.jswan.ike.engine.kernel.KernelRequest.AddSas add) {
                for (org.jswan.ike.engine.kernel.KernelRequest.SaSpec s : add.sas()) {
                    if (!s.inbound() && s.proto() == org.jswan.ike.engine.kernel.KernelRequest.SaProto.ESP) {
                        found = s;
                    }
                }
            }
        }
        return found;
    }

    @Test
    void dontrekeyReplacesAnSaTheKernelSawUsedAndStatusShowsItsUseAndTraffic() {
        Tweak t = b -> {
            b.ipsecLifetimeSeconds = 300;
            b.rekeyMarginSeconds = 60;
            b.policy |= Policy.DONT_REKEY;
        };
        established(t, t);
        org.jswan.ike.engine.kernel.KernelRequest.SaSpec out = outboundEsp(west);
        org.jswan.ike.engine.kernel.KernelRequest.SaSpec in = null;
        for (org.jswan.ike.engine.kernel.KernelRequest r : west.kernel) {
            if (r instanceof org.jswan.ike.engine.kernel.KernelRequest.AddSas add) {
                in = add.sas().stream().filter(s -> s.inbound()
                        && s.proto() == org.jswan.ike.engine.kernel.KernelRequest.SaProto.ESP).findFirst().orElse(in);
            }
        }
        // 230 s in, the kernel says the outbound SA carried 10 packets 5 s ago; the inbound SA 7
        sim.run(Duration.ofSeconds(230));
        // (a report for an SA nobody has changes nothing)
        west.engine.handle(new Input.SaUsed(List.of(
                new Input.SaCount(out.spi(), out.dst(), sim.now.minus(Duration.ofSeconds(5)), 10, 840),
                new Input.SaCount(in.spi(), in.dst(), sim.now, 7, 588),
                new Input.SaCount(0x4242, out.dst(), sim.now, 99, 99)), sim.now));
        List<String> st = sim.status(west);
        assertTrue(has(st, "#2: \"net\" used 5s ago; esp." + Long.toHexString(out.spi()) + "@192.0.2.2"), st.toString());
        assertTrue(has(st, "Traffic: ESPin=588B/7p ESPout=840B/10p"), st.toString());
        sim.run(Duration.ofSeconds(30));
        assertTrue(west.logged("\"net\" #3: initiating Quick Mode PSK+ENCRYPT+TUNNEL+DONTREKEY to replace #2")
                || west.logged("to replace #2"), west.log.toString());
        assertFalse(west.logged("not replacing IPsec SA"), west.log.toString());
        assertTrue(has(sim.status(west), "#3: \"net\" STATE_QUICK_I2"), sim.status(west).toString());
    }

    @Test
    void aResponderUsesTheShorterOfNegotiatedAndConfiguredLifetimes() {
        established(b -> b.ipsecLifetimeSeconds = 86400, b -> b.ipsecLifetimeSeconds = 3600);
        assertTrue(has(sim.status(east), "#2: \"net\" STATE_QUICK_R2 (IPsec SA established); EVENT_SA_REPLACE in 3329s"),
                sim.status(east).toString());
    }

    @Test
    void terminateSendsDeletesThatThePeerHonours() {
        established(b -> { }, b -> { });
        terminate(west);
        sim.run(Duration.ofSeconds(1));
        assertTrue(east.logged("received Delete SA payload: deleting IPSEC State #2"), east.log.toString());
        assertTrue(east.logged("received Delete SA payload: deleting ISAKMP State #1"), east.log.toString());
        assertEquals(0, east.states());
        assertEquals(0, west.states());
    }

    @Test
    void aRestartedPeerSendsInitialContactAndTheOldSasAreCleanedUp() {
        established(b -> { }, b -> { });
        assertEquals(2, east.states());
        // west "reboots": a new engine at the same address, which knows nothing of #1 and #2
        west.exited = true;
        Sim.Node west2 = sim.node("west2", "192.0.2.1", 500, PSK, 63);
        sim.whack(west2, Sim.conn("net", west2, "198.51.100.0/24", east, "203.0.113.0/24", POLICY).build());
        sim.listen(west2);
        long c = sim.initiate(west2, "net");
        sim.run(Duration.ofSeconds(1));
        assertTrue(has(west2.lines(c), "STATE_QUICK_I2"), west2.lines(c).toString());
        assertTrue(east.logged("received INITIAL_CONTACT: deleting #1"), east.log.toString());
        assertTrue(east.logged("received INITIAL_CONTACT: deleting #2"), east.log.toString());
        assertTrue(east.logged("#3: received notification INITIAL_CONTACT"), east.log.toString());
        assertFalse(east.logged("INITIAL_CONTACT (ignored"), "it was acted on: " + east.log);
        assertEquals(2, east.states(), sim.status(east).toString());
    }

    @Test
    void deadPeerDetectionClearsTheSasOfASilentPeer() {
        Tweak dpd = b -> {
            b.dpdDelaySeconds = 10;
            b.dpdTimeoutSeconds = 30;
            b.dpdAction = DeadPeer.ACTION_CLEAR;
        };
        setUp(dpd, b -> { });
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(100));
        assertEquals(2, west.states(), "probes answered: nothing happens " + west.log);
        long acks = sim.sent.stream().filter(d -> d.from() == east && d.dst().port() == 500).count();
        assertTrue(acks >= 9, "east answered the R_U_THEREs: " + acks);
        east.exited = true; // east dies
        sim.run(Duration.ofSeconds(60));
        assertTrue(west.logged("DPD: No response from peer - declaring peer dead"), west.log.toString());
        assertTrue(west.logged("DPD: action clear: SAs deleted"), west.log.toString());
        assertEquals(0, west.states());
    }

    @Test
    void deadPeerDetectionRestartRenegotiatesWhenThePeerIsBack() {
        Tweak dpd = b -> {
            b.dpdDelaySeconds = 5;
            b.dpdTimeoutSeconds = 15;
            b.dpdAction = DeadPeer.ACTION_RESTART;
        };
        setUp(dpd, b -> { });
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(2));
        sim.drop = d -> d.from() == east; // east goes silent for a while
        sim.run(Duration.ofSeconds(25));
        assertTrue(west.logged("DPD: action restart: renegotiating"), west.log.toString());
        sim.drop = d -> false;
        sim.run(Duration.ofSeconds(120));
        assertTrue(has(sim.status(west), "STATE_QUICK_I2"), sim.status(west) + "\n" + west.log);
    }

    @Test
    void aFloodOfRuThereIsAnsweredAtMostTenTimesPerWindow() {
        setUp(b -> { }, b -> {
            b.dpdDelaySeconds = 1;
            b.dpdTimeoutSeconds = 1000;
            b.dpdAction = DeadPeer.ACTION_CLEAR;
        });
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(1));
        // east probes every second; west must answer, but never more than 10 per 10 s
        sim.run(Duration.ofSeconds(30));
        long fromWest = sim.sent.stream().filter(d -> d.from() == west).count();
        assertTrue(fromWest <= 5 + 40, "answers bounded: " + fromWest);
        assertEquals(2, east.states());
    }
}
