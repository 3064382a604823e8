package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay, duplication and amplification (security-and-users.md §A3.4): every message delivered
 * twice or ten times during the exchange and replayed after it; an old Quick Mode I1 replayed
 * when its IPsec SA is gone; MI1 from another port; one MI1 from a silent source (CVE-2016-5361:
 * one MR1, then nothing); a first message carrying a live initiator cookie; a whole old session.
 */
class RobustReplayTest {
    static final List<String> BOTH_EAST = List.of("#2: STATE_QUICK_R2", "#1: STATE_MAIN_R3");
    static final List<String> BOTH_WEST = List.of("#2: STATE_QUICK_I2", "#1: STATE_MAIN_I4");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2, 10})
    void everyMessageArrivingNTimesStillMakesOneSaAndAtMostTwoAnswersPerState(int copies) {
        Exchange ex = Exchange.ready(dir);
        ex.sim.copies = d -> copies;
        ex.sim.initiate(ex.west, "net");
        ex.sim.settle();
        Oracle.noInternalError("x" + copies, ex.west, ex.east);
        assertEquals(BOTH_EAST, Oracle.kinds(ex.sim, ex.east));
        assertEquals(BOTH_WEST, Oracle.kinds(ex.sim, ex.west));
        for (Sim.Node n : List.of(ex.east, ex.west)) {
            for (String kind : List.of("STATE_MAIN_R1", "STATE_MAIN_R2", "STATE_MAIN_R3", "STATE_QUICK_R1", "STATE_QUICK_I2")) {
                long resent = n.log.stream().filter(l -> l.endsWith("retransmitting in response to duplicate packet; already "
                        + kind)).count();
                assertTrue(resent <= 2, n.name + " answered " + resent + " duplicates in " + kind);
            }
        }
        // nine messages, plus at most two answers to duplicates for each state that answers them
        assertTrue(ex.sim.sent.size() <= 9 + 2 * 5, ex.sim.sent.size() + " datagrams");
        if (copies == 10) {
            assertTrue(ex.east.logged("discarding duplicate packet -- exhausted retransmission; already STATE_MAIN_R1"),
                    ex.east.log.toString());
            assertTrue(ex.east.logged("discarding duplicate packet -- exhausted retransmission; already STATE_QUICK_R1"));
        }
        Oracle.settles(ex.sim, ex.east, 2, false, "x" + copies);
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI1, Exchange.MR1, Exchange.MI2, Exchange.MR2, Exchange.MI3, Exchange.MR3, Exchange.QI1,
        Exchange.QR1, Exchange.QI2})
    void everyMessageReplayedTwiceOrTenTimesAfterTheExchange(int k) {
        for (int copies : new int[] {2, 10}) {
            Exchange ex = Exchange.upTo(dir, Exchange.ALL);
            Sim.Node to = ex.receiver(k);
            List<String> before = Oracle.kinds(ex.sim, to);
            int answers = 0;
            for (int i = 0; i < copies; i++) {
                Oracle.Result r = Oracle.packet(ex.sim, to, ex.msg(k), ex.from(k), "replay " + Exchange.NAMES.get(k) + " " + i);
                Oracle.answersAtMostOnce(r, ex.msg(k), false, "replay");
                answers += r.sends.size();
                assertTrue(r.logged("discarding") || r.logged("retransmitting in response to duplicate packet"),
                        Exchange.NAMES.get(k) + " copy " + i + ": " + r.log);
                if (i >= 2) {
                    assertEquals(0, r.sends.size());
                    assertTrue(r.logged("discarding"), r.log.toString());
                }
            }
            assertTrue(answers <= 2, answers + " answers to " + copies + " copies of " + Exchange.NAMES.get(k));
            if (answers > 0 && copies == 10) {
                assertTrue(to.logged("discarding duplicate packet -- exhausted retransmission"), to.log.toString());
            }
            assertEquals(before, Oracle.kinds(ex.sim, to), "no new state, no state changed");
            Oracle.settles(ex.sim, to, 2, false, "replay " + Exchange.NAMES.get(k));
        }
    }

    @Test
    void anOldQuickModeI1ReplayedAfterCompletionChangesNothing() {
        Exchange ex = Exchange.upTo(dir, Exchange.ALL);
        Oracle.Result r = Oracle.packet(ex.sim, ex.east, ex.msg(Exchange.QI1), ex.from(Exchange.QI1), "old QI1");
        assertEquals(0, r.sends.size(), r.log.toString());
        assertEquals(BOTH_EAST, Oracle.kinds(ex.sim, ex.east));
        Oracle.settles(ex.sim, ex.east, 2, false, "old QI1");
    }

    @Test
    void anOldQuickModeI1ReplayedAfterItsSaWasDeletedMakesNoNewSa() {
        Exchange ex = Exchange.upTo(dir, Exchange.ALL);
        ex.deleteState(ex.east, 2);
        assertEquals(List.of("#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east));
        Bytes qi1 = ex.msg(Exchange.QI1);
        long msgid = SessionKeys.header(qi1).messageId();
        for (int i = 0; i < 3; i++) {
            Oracle.Result r = Oracle.packet(ex.sim, ex.east, qi1, ex.from(Exchange.QI1), "replayed QI1 " + i);
            assertEquals(0, r.sends.size(), "a replayed QI1 is not answered: " + r);
            assertEquals(0, r.jobs, "nor does it cost a DH: " + r);
            assertTrue(r.logged(String.format("Quick Mode I1 message is unacceptable because it uses a previously used"
                    + " Message ID 0x%08x (perhaps this is a duplicated packet)", msgid)), r.log.toString());
            assertEquals(List.of("#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east), "no new IPsec SA from a replay");
            assertTrue(r.effects.stream().noneMatch(e -> e instanceof Effect.Kernel), "nothing installed");
        }
        // a fresh Quick Mode from the real peer still works
        long c = ex.sim.initiate(ex.west, "net");
        ex.sim.drop = d -> false;
        ex.sim.settle();
        assertTrue(ex.west.lines(c).stream().anyMatch(l -> l.contains("STATE_QUICK_I2")), ex.west.lines(c).toString());
        assertEquals(List.of("#3: STATE_QUICK_R2", "#1: STATE_MAIN_R3"), Oracle.kinds(ex.sim, ex.east));
        Oracle.noInternalError("replayed QI1", ex.west, ex.east);
        Oracle.settles(ex.sim, ex.east, 2, false, "replayed QI1");
    }

    @Test
    void mi1FromAnotherSourcePortLeavesTheSasAlone() {
        Exchange ex = Exchange.upTo(dir, Exchange.ALL);
        Endpoint other = new Endpoint(IpAddress.parse("127.0.0.1"), 9500);
        Oracle.Result r = Oracle.packet(ex.sim, ex.east, ex.msg(Exchange.MI1), other, "MI1 from :9500");
        Oracle.answersAtMostOnce(r, ex.msg(Exchange.MI1), true, "MI1 from :9500");
        assertTrue(Oracle.kinds(ex.sim, ex.east).containsAll(BOTH_EAST), "the established SAs are untouched");
        Oracle.Result later = Oracle.settles(ex.sim, ex.east, 2, false, "MI1 from :9500");
        assertTrue(later.sends.stream().noneMatch(s -> s.to().equals(other)), "nothing sent to :9500 on a timer");
        assertEquals(BOTH_EAST, Oracle.kinds(ex.sim, ex.east));
    }

    @Test
    void oneMi1FromASilentSourceGetsExactlyOneMr1AndThenNothing() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1); // west's MI1 was sent; west never answers again
        Bytes mi1 = ex.msg(Exchange.MI1);
        for (int i = 0; i < 10; i++) {
            Bytes one = i == 0 ? mi1 : Packets.withIcookie(mi1, Bytes.of(0xc0, 0, 0, 0, 0, 0, 0, i));
            Oracle.Result r = Oracle.packet(ex.sim, ex.east, one, ex.from(Exchange.MI1), "silent " + i);
            assertEquals(1, r.sends.size(), "one MR1 for each MI1: " + r);
            Oracle.answersAtMostOnce(r, one, true, "silent " + i);
        }
        assertEquals(10, ex.east.states());
        Oracle.Result early = Oracle.advance(ex.sim, ex.east, Duration.ofSeconds(69), "silent, 69 s");
        assertEquals(10, ex.east.states(), "still waiting at 69 s");
        Oracle.Result late = Oracle.advance(ex.sim, ex.east, Duration.ofSeconds(51), "silent, 120 s");
        assertEquals(0, early.sends.size() + late.sends.size(), "CVE-2016-5361: no MR1 is ever resent on a timer");
        assertEquals(0, ex.east.states(), "discarded after 70 s");
    }

    @Test
    void aFirstMessageCarryingALiveInitiatorCookieIsNotAnsweredWithTheStatesLastMessage() {
        for (int k : new int[] {Exchange.MI2, Exchange.MI3, Exchange.QI1}) {
            Exchange ex = Exchange.upTo(dir, k); // east in STATE_MAIN_R1, R2, R3
            Bytes icookie = ex.msg(Exchange.MI1).slice(0, 8);
            // a bare header: icookie of the live state, rcookie 0, message ID 0, no payloads, 28 bytes
            Bytes bare = Packets.withU32(icookie.concat(Bytes.zeros(8)).concat(Bytes.of(0, 0x10, 2, 0)).concat(Bytes.zeros(8)),
                    24, 28);
            List<String> before = Oracle.kinds(ex.sim, ex.east);
            Oracle.Result r = Oracle.packet(ex.sim, ex.east, bare, ex.from(Exchange.MI1), "bare MI1 in " + before);
            Oracle.answersAtMostOnce(r, bare, true, "bare MI1 in " + before);
            assertEquals(0, r.sends.size(), "only a retransmission of the MI1 it answered is answered: " + r);
            Bytes changed = Packets.withByte(ex.msg(Exchange.MI1), ex.msg(Exchange.MI1).length() - 1, 3);
            Oracle.Result r2 = Oracle.packet(ex.sim, ex.east, changed, ex.from(Exchange.MI1), "other MI1 in " + before);
            assertEquals(0, r2.sends.size(), "another MI1 with the same cookie is not answered: " + r2);
            assertEquals(before, Oracle.kinds(ex.sim, ex.east));
            Oracle.settles(ex.sim, ex.east, Exchange.settled(k), true, "live-cookie MI1");
        }
        // while the real MI1 resent is answered, as before
        Exchange r1 = Exchange.upTo(dir, Exchange.MI2);
        Oracle.Result again = Oracle.packet(r1.sim, r1.east, r1.msg(Exchange.MI1), r1.from(Exchange.MI1), "resent MI1");
        assertEquals(1, again.sends.size());
        assertEquals(r1.msg(Exchange.MR1), again.sends.get(0).data());
    }

    @Test
    void aWholeOldSessionReplayedChangesNothing() {
        Exchange ex = Exchange.upTo(dir, Exchange.ALL);
        int[] fromWest = {Exchange.MI1, Exchange.MI2, Exchange.MI3, Exchange.QI1, Exchange.QI2};
        for (int k : fromWest) {
            Oracle.Result r = Oracle.packet(ex.sim, ex.east, ex.msg(k), ex.from(k), "session replay " + Exchange.NAMES.get(k));
            Oracle.answersAtMostOnce(r, ex.msg(k), false, "session replay");
        }
        assertEquals(BOTH_EAST, Oracle.kinds(ex.sim, ex.east));
        // and once both ends have forgotten the session, the replay makes at most a half-open state that goes away
        WhackMessage.Builder t = WhackMessage.builder();
        t.terminate = true;
        t.name = "net";
        ex.sim.whack(ex.east, t.build());
        ex.sim.whack(ex.west, t.build());
        ex.sim.settle();
        Oracle.noInternalError("terminate", ex.west, ex.east);
        assertEquals(0, ex.east.states());
        for (int k : fromWest) {
            Oracle.Result r = Oracle.packet(ex.sim, ex.east, ex.msg(k), ex.from(k), "forgotten replay " + Exchange.NAMES.get(k));
            Oracle.answersAtMostOnce(r, ex.msg(k), true, "forgotten replay");
            assertTrue(r.log.stream().noneMatch(l -> l.contains("established")), r.log.toString());
        }
        assertTrue(ex.east.states() <= 1);
        Oracle.settles(ex.sim, ex.east, 0, true, "forgotten replay");
    }

    /** §A3.1 (2): no %any instance connection outlives the half-open states of a road-warrior template. */
    @Test
    void roadWarriorInstancesGoAwayWithTheirStates() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI1);
        Sim sim = new Sim(dir);
        sim.now = ex.sim.now;
        Sim.Node gw = sim.node("gw", "127.0.0.1", 8501, ": PSK \"road-warrior-secret\"\n", 77, 0);
        WhackMessage.Builder b = Exchange.connection();
        b.name = "rw";
        b.left = b.left.withHost(IpAddress.ANY4).withHostPort(500).withClient(null, false);
        b.right = b.right.withClient(null, false);
        b.policy = org.jswan.ike.whack.Policy.PSK | org.jswan.ike.whack.Policy.ENCRYPT;
        sim.whack(gw, b.build());
        sim.listen(gw);
        Bytes mi1 = ex.msg(Exchange.MI1);
        Bytes refused = Packets.withByte(mi1, 28 + 12 + 5, 0); // its proposal's protocol 0: NO_PROPOSAL_CHOSEN
        int sent = 0;
        for (int i = 1; i <= 30; i++) {
            Endpoint from = new Endpoint(IpAddress.parse("198.51.100." + i), 500);
            Bytes m = i % 3 == 0 ? mi1.slice(0, 40) : i % 3 == 1 ? Packets.withIcookie(mi1, Bytes.of(0, 0, 0, 0, 0, 0, 1, i))
                    : Packets.withIcookie(refused, Bytes.of(0, 0, 0, 0, 0, 0, 2, i));
            Oracle.Result r = Oracle.packet(sim, gw, m, from, "rw " + i);
            Oracle.answersAtMostOnce(r, m, true, "rw " + i);
            sent += r.sends.size();
        }
        assertTrue(sent >= 20, "accepted and refused MI1s were answered: " + sent);
        assertTrue(gw.logged("no acceptable Oakley Transform") && gw.logged("responding to Main Mode from unknown peer"),
                gw.log.toString());
        assertTrue(Oracle.status(sim, gw).stream().anyMatch(l -> l.contains("\"rw\"[")), "instances were made");
        Oracle.settles(sim, gw, 0, true, "road warriors");
        assertTrue(Oracle.status(sim, gw).stream().noneMatch(l -> l.contains("\"rw\"[")),
                "no instance left over: " + Oracle.status(sim, gw));
    }
}
