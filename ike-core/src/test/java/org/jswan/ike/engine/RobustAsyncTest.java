package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.wire.DeletePayload;
import org.jswan.ike.wire.Doi;
import org.jswan.ike.wire.ProtocolId;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto jobs that finish late (security-and-users.md §A1.2 S-ASYNC, CVE-2011-4073): the state
 * that asked for a DH, or the ISAKMP SA it runs under, is deleted while the job is still out; the
 * result must then be dropped, never used on a deleted (and zeroised) state. Also results that
 * come twice or for jobs never started.
 */
class RobustAsyncTest {
    @TempDir
    Path dir;

    private static Object run(Effect.StartCrypto job) {
        try {
            return job.task().run();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Oracle.Result done(Exchange ex, Sim.Node n, Effect.StartCrypto job, String ctx) {
        return Oracle.handle(n, new Input.CryptoDone(job.job(), run(job), ex.sim.now), ctx);
    }

    private static void deleteState(Exchange ex, Sim.Node n, long serial, String ctx) {
        WhackMessage.Builder b = WhackMessage.builder();
        b.deleteState = true;
        b.deleteStateNo = serial;
        Oracle.handle(n, new Input.Whack(-9, b.build(), null, ex.sim.now), ctx);
    }

    @Test
    void aMainModeDhFinishingAfterItsStateWasDeletedIsDropped() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI2);
        List<Effect.StartCrypto> held = new ArrayList<>();
        Oracle.Result r = Oracle.handleHoldingCrypto(ex.east, new Input.Packet(ex.msg(Exchange.MI2), ex.from(Exchange.MI2),
                ex.east.endpoint(), ex.sim.now), held, "MI2 held");
        assertEquals(1, held.size(), r.toString());
        // the peer resends MI2 while the job is out: ignored, no second job
        Oracle.Result busy = Oracle.handleHoldingCrypto(ex.east, new Input.Packet(ex.msg(Exchange.MI2),
                ex.from(Exchange.MI2), ex.east.endpoint(), ex.sim.now), held, "MI2 again");
        assertEquals(1, held.size(), "no second DH for a resent MI2: " + busy);
        assertEquals(0, busy.sends.size());
        deleteState(ex, ex.east, 1, "delete #1");
        assertEquals(0, ex.east.states());
        Oracle.Result late = done(ex, ex.east, held.get(0), "late DH");
        assertEquals(0, late.sends.size(), late.toString());
        assertEquals(0, ex.east.states());
        Oracle.Result twice = done(ex, ex.east, held.get(0), "DH result twice");
        assertEquals(0, twice.sends.size());
        Oracle.settles(ex.sim, ex.east, 0, true, "S-ASYNC MM");
    }

    @Test
    void resultsForJobsNeverStartedOrAlreadyDeliveredAreIgnored() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI2);
        List<Effect.StartCrypto> held = new ArrayList<>();
        Oracle.handleHoldingCrypto(ex.east, new Input.Packet(ex.msg(Exchange.MI2), ex.from(Exchange.MI2), ex.east.endpoint(),
                ex.sim.now), held, "MI2 held");
        for (long job : new long[] {0, -1, 999, Long.MAX_VALUE}) {
            Oracle.Result r = Oracle.handle(ex.east, new Input.CryptoDone(job, "garbage", ex.sim.now), "job " + job);
            assertEquals(0, r.sends.size());
        }
        // a result of the wrong type for the real job: refused, not a ClassCastException
        Oracle.Result wrong = Oracle.handle(ex.east, new Input.CryptoDone(held.get(0).job(), "not a DH result", ex.sim.now),
                "wrong result type");
        assertEquals(0, wrong.sends.size(), wrong.toString());
        Oracle.settles(ex.sim, ex.east, 0, true, "stray results");
    }

    @Test
    void aQuickModeDhFinishingAfterItsIsakmpSaWasDeletedUsesNoDeletedKeys() {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        List<Effect.StartCrypto> held = new ArrayList<>();
        Oracle.handleHoldingCrypto(ex.east, new Input.Packet(ex.msg(Exchange.QI1), ex.from(Exchange.QI1), ex.east.endpoint(),
                ex.sim.now), held, "QI1 held");
        assertEquals(1, held.size(), "PFS: one DH job");
        // the ISAKMP SA goes (an authentic Delete from the peer) while the PFS job is out
        SessionKeys keys = ex.keys();
        DeletePayload d = new DeletePayload(Doi.IPSEC, ProtocolId.ISAKMP.value(), 16, List.of(keys.icookie.concat(keys.rcookie)));
        Oracle.Result del = Oracle.packet(ex.sim, ex.east, keys.info(ex.msg(Exchange.MR3), 0x55667788L, List.of(d)),
                ex.from(Exchange.QI1), "Delete ISAKMP");
        assertTrue(del.logged("deleting ISAKMP State #1"), del.log.toString());
        Oracle.Result late = done(ex, ex.east, held.get(0), "late PFS DH");
        assertTrue(late.sends.isEmpty(), "nothing can be sent under a deleted ISAKMP SA: " + late);
        Oracle.settles(ex.sim, ex.east, 0, false, "S-ASYNC QM responder");
    }

    @Test
    void anInitiatorsPfsDhFinishingAfterItsIsakmpSaWasDeletedUsesNoDeletedKeys() {
        Exchange ex = Exchange.upTo(dir, Exchange.ALL);
        List<Effect.StartCrypto> held = new ArrayList<>();
        WhackMessage.Builder b = WhackMessage.builder();
        b.initiate = true;
        b.name = "net";
        Oracle.handleHoldingCrypto(ex.west, new Input.Whack(-5, b.build(), null, ex.sim.now), held, "second QM");
        assertEquals(1, held.size(), "PFS: QI1 waits for g^x");
        deleteState(ex, ex.west, 1, "delete the ISAKMP SA");
        Oracle.Result late = done(ex, ex.west, held.get(0), "late QI1 DH");
        assertTrue(late.sends.isEmpty(), "no QI1 under a deleted ISAKMP SA: " + late);
        Oracle.settles(ex.sim, ex.west, 1, false, "S-ASYNC QM initiator");
    }

    @Test
    void anInitiatorsQr1DhFinishingAfterItsIsakmpSaWasDeletedUsesNoDeletedKeys() {
        Exchange ex = Exchange.upTo(dir, Exchange.QR1);
        List<Effect.StartCrypto> held = new ArrayList<>();
        Oracle.handleHoldingCrypto(ex.west, new Input.Packet(ex.msg(Exchange.QR1), ex.from(Exchange.QR1), ex.west.endpoint(),
                ex.sim.now), held, "QR1 held");
        assertEquals(1, held.size(), "PFS: g^xy for QR1");
        deleteState(ex, ex.west, 1, "delete the ISAKMP SA");
        Oracle.Result late = done(ex, ex.west, held.get(0), "late QR1 DH");
        assertTrue(late.sends.isEmpty(), "no QI2 under a deleted ISAKMP SA: " + late);
        Oracle.settles(ex.sim, ex.west, 0, false, "S-ASYNC QR1");
    }
}
