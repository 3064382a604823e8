package org.jswan.klips.esp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4303 §3.4.3 window semantics at the edges. */
class ReplayWindowTest {
    private static void accept(ReplayWindow w, long seq) throws BadPacket {
        w.check(seq);
        w.update(seq);
    }

    private static void refused(ReplayWindow w, long seq) {
        BadPacket e = assertThrows(BadPacket.class, () -> w.check(seq), "seq " + seq);
        assertEquals(BadPacket.Reason.REPLAY, e.reason());
    }

    @Test
    void firstPacket() throws Exception {
        ReplayWindow w = new ReplayWindow(64);
        assertEquals(0, w.top());
        accept(w, 1);
        assertEquals(1, w.top());
        refused(w, 1);
        ReplayWindow late = new ReplayWindow(64);
        accept(late, 1000);
        assertEquals(1000, late.top(), "the first packet may be anywhere");
        accept(late, 937);
        refused(late, 936);
    }

    @Test
    void sequenceZeroIsNeverValid() throws Exception {
        ReplayWindow w = new ReplayWindow(64);
        refused(w, 0);
        accept(w, 5);
        refused(w, 0);
    }

    @Test
    void duplicatesInsideTheWindow() throws Exception {
        ReplayWindow w = new ReplayWindow(64);
        for (long s = 1; s <= 10; s += 2) {
            accept(w, s);
        }
        for (long s = 1; s <= 10; s += 2) {
            refused(w, s);
        }
        for (long s = 2; s <= 10; s += 2) {
            accept(w, s);
        }
        for (long s = 1; s <= 10; s++) {
            refused(w, s);
        }
    }

    @Test
    void theWindowSlidesAndTooOldIsRefused() throws Exception {
        ReplayWindow w = new ReplayWindow(64);
        accept(w, 100);
        // the window is [top - 63, top]
        assertDoesNotThrow(() -> w.check(37));
        refused(w, 36);
        accept(w, 37);
        accept(w, 101);
        refused(w, 37);
        accept(w, 38);
        refused(w, 38);
        accept(w, 200);
        refused(w, 136);
        assertDoesNotThrow(() -> w.check(137));
        refused(w, 200);
        accept(w, 199);
    }

    @Test
    void aJumpOfAWholeWindowForgetsTheBitmap() throws Exception {
        ReplayWindow w = new ReplayWindow(64);
        for (long s = 1; s <= 64; s++) {
            accept(w, s);
        }
        accept(w, 64 + 64);
        refused(w, 64);
        assertDoesNotThrow(() -> w.check(65));
        accept(w, 65);
        accept(w, 127);
        refused(w, 127);
        accept(w, 1L << 31);
        accept(w, 0xffff_ffffL);
        assertEquals(0xffff_ffffL, w.top());
    }

    @Test
    void checkAloneDoesNotMoveTheWindow() throws Exception {
        ReplayWindow w = new ReplayWindow(64);
        w.check(50);
        assertEquals(0, w.top());
        accept(w, 10);
        w.check(11);
        accept(w, 11);
        assertEquals(11, w.top());
    }

    @Test
    void smallerWindows() throws Exception {
        ReplayWindow w = new ReplayWindow(4);
        accept(w, 10);
        assertDoesNotThrow(() -> w.check(7));
        refused(w, 6);
        accept(w, 8);
        accept(w, 12);
        refused(w, 8);
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(0));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(65));
    }

    /** Against a set of everything seen: a random walk never accepts a number twice. */
    @Test
    void neverAcceptsTwice() throws Exception {
        Random rnd = new Random(42);
        ReplayWindow w = new ReplayWindow(64);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long base = 1;
        for (int i = 0; i < 20000; i++) {
            long s = Math.max(1, base + rnd.nextInt(100) - 70);
            base += rnd.nextInt(3);
            boolean ok;
            try {
                w.check(s);
                ok = true;
            } catch (BadPacket e) {
                ok = false;
            }
            if (ok) {
                w.update(s);
                assertEquals(true, seen.add(s), "accepted " + s + " twice");
            } else if (!seen.contains(s)) {
                assertEquals(true, w.top() - s >= 64, "refused " + s + " inside the window (top " + w.top() + ")");
            }
        }
    }

    @Test
    void theSenderNeverCycles() throws Exception {
        SequenceCounter c = new SequenceCounter();
        assertEquals(1, c.next());
        assertEquals(2, c.next());
        SequenceCounter end = new SequenceCounter(0xffff_fffeL);
        assertEquals(0xffff_ffffL, end.next());
        assertEquals(BadPacket.Reason.SEQUENCE_EXHAUSTED, assertThrows(BadPacket.class, end::next).reason());
    }
}
