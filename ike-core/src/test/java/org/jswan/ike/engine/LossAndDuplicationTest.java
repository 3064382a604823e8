package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.whack.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP is unreliable: lost and duplicated messages, pluto(8) "Pluto's Behaviour When Things Go Wrong". */
class LossAndDuplicationTest {
    static final String PSK = "127.0.0.1 127.0.0.1 : PSK \"loss-test\"\n";

    @TempDir
    Path dir;

    private Sim sim;
    private Sim.Node west;
    private Sim.Node east;

    private void setUp() {
        sim = new Sim(dir);
        west = sim.node("west", "127.0.0.1", 8500, PSK, 11);
        east = sim.node("east", "127.0.0.1", 8501, PSK, 12);
        for (Sim.Node n : List.of(west, east)) {
            sim.whack(n, Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24",
                    Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL | Policy.PFS).build());
            sim.listen(n);
        }
    }

    private static boolean has(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    /**
     * Messages 0..8 are MI1, MR1, MI2, MR2, MI3, MR3, QI1, QR1, QI2. Whichever one is lost the
     * first time, the initiator's retransmission (or the responder's answer to a duplicate)
     * completes the exchange.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void losingAnyOneMessageStillCompletes(int lost) {
        setUp();
        sim.drop = d -> d.seq() == lost;
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(120));
        assertTrue(has(west.lines(c), "STATE_QUICK_I2: sent QI2, IPsec SA established"), west.lines(c).toString());
        if (lost != 8) {
            assertTrue(has(sim.status(east), "STATE_QUICK_R2"), sim.status(east).toString());
        } else {
            // QI2 lost: the responder keeps retransmitting QR1; the initiator answers the duplicate with QI2
            assertTrue(has(sim.status(east), "STATE_QUICK_R2"), east.log.toString());
        }
        assertTrue(has(west.lines(c), "retransmission; will wait 20s") || lost == 1 || lost == 3 || lost == 5
                || lost == 7 || lost == 8, west.lines(c).toString());
    }

    @Test
    void aMainModeResponderNeverRetransmitsOnATimer() {
        setUp();
        // everything the responder sends is lost; it must not resend by itself (no amplification)
        sim.drop = d -> d.from() == east;
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(300));
        long fromEast = sim.sent.stream().filter(d -> d.from() == east).count();
        long fromWest = sim.sent.stream().filter(d -> d.from() == west).count();
        assertTrue(fromEast <= fromWest, "responder sent " + fromEast + " for " + fromWest + " received");
        assertEquals(0, east.states(), "abandoned responder state is discarded");
    }

    @Test
    void duplicatesAreAnsweredAtMostTwiceThenDiscarded() {
        setUp();
        sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(5));
        Sim.Datagram mi3 = sim.sent.get(4);
        for (int i = 0; i < 5; i++) {
            sim.apply(east, east.engine.handle(new Input.Packet(mi3.data(), mi3.src(), mi3.dst(), sim.now)));
        }
        assertEquals(2, east.log.stream().filter(l -> l.contains("retransmitting in response to duplicate packet;"
                + " already STATE_MAIN_R3")).count(), east.log.toString());
        assertTrue(east.logged("discarding duplicate packet -- exhausted retransmission; already STATE_MAIN_R3"));
    }

    @Test
    void aResentMi1FromTheSamePeerIsADuplicateNotANewState() {
        setUp();
        sim.drop = d -> d.from() == east;
        sim.initiate(west, "net");
        sim.settle();
        Sim.Datagram mi1 = sim.sent.get(0);
        sim.apply(east, east.engine.handle(new Input.Packet(mi1.data(), mi1.src(), mi1.dst(), sim.now)));
        assertEquals(1, east.states());
        assertTrue(east.logged("retransmitting in response to duplicate packet; already STATE_MAIN_R1"));
    }

    @Test
    void keyingTriesStartsNewAttemptsAndReleasesWhack() {
        setUp();
        sim.drop = d -> d.from() == east;
        long c = sim.initiate(west, "net");
        sim.run(Duration.ofSeconds(75));
        List<String> lines = west.lines(c);
        assertTrue(has(lines, "starting keying attempt 2 of at most 3") || west.logged("starting keying attempt 2 of at most 3"),
                west.log.toString());
        assertTrue(lines.contains("000 \"net\" #1: sent MI1, expecting MR1, but releasing whack"), lines.toString());
        assertTrue(west.whackDone.contains(c));
        sim.run(Duration.ofSeconds(300));
        assertTrue(west.logged("starting keying attempt 3 of at most 3"));
        assertEquals(0, west.states(), "after the third attempt pluto gives up");
    }

    @Test
    void keyingTriesZeroResendsTheFirstMessageEvery40sThenStartsAnotherAttemptForever() {
        sim = new Sim(dir);
        west = sim.node("west", "127.0.0.1", 8500, PSK, 11);
        east = sim.node("east", "127.0.0.1", 8501, PSK, 12);
        org.jswan.ike.whack.WhackMessage.Builder b = Sim.conn("net", west, "198.51.100.0/24", east, "203.0.113.0/24",
                Policy.PSK | Policy.ENCRYPT | Policy.TUNNEL);
        b.keyingTries = 0;
        sim.whack(west, b.build());
        sim.listen(west);
        sim.drop = d -> true; // nobody answers
        long c = sim.initiate(west, "net");
        // sends at 0, 10, 30, then every 40 s: the 20th resend is at 10 + 20 + 18 * 40 = 750 s,
        // and the attempt is given up 40 s after it
        sim.run(Duration.ofSeconds(789));
        assertEquals(List.of(), west.log.stream().filter(l -> l.contains("max number")).toList());
        assertTrue(has(west.lines(c), "STATE_MAIN_I1: retransmission; will wait 40s for response"), west.lines(c).toString());
        sim.run(Duration.ofSeconds(2));
        assertTrue(west.logged("\"net\" #1: max number of retransmissions (20) reached STATE_MAIN_I1.  No response (or no"
                + " acceptable response) to our first IKE message"), west.log.toString());
        assertTrue(west.logged("starting keying attempt 2 of an unlimited number"), west.log.toString());
        assertTrue(west.whackDone.contains(c), "whack released after the first failure");
        sim.run(Duration.ofSeconds(3 * 790));
        assertTrue(west.logged("starting keying attempt 5 of an unlimited number"), west.log.toString());
        assertEquals(1, west.states(), "one attempt at a time");
    }
}
