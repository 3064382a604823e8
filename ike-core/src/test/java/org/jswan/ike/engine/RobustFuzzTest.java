package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.wire.IsakmpHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutation fuzzing, CI profile (security-and-users.md §A3.3): the ten messages of the reference
 * exchange ({@link Exchange}), each mutated with fixed seeds ({@link Mutator}) and delivered to a
 * replica of its receiver in the state that expects it. Cleartext messages are mutated as whole
 * datagrams; encrypted ones as ciphertext, as plaintext re-encrypted with the session keys (so the
 * mutation reaches the payload parser), and — for those whose HASH covers payloads — as plaintext
 * whose HASH is then recomputed, as a buggy but authenticated peer would send it (so it reaches
 * what runs after authentication). Every mutant is judged by the {@link Oracle}. A receiver that a
 * mutant moved on is replaced by a fresh replica; every batch ends with 76 s of virtual time and
 * the state-count and timer checks. A failure names the seed that reproduces it.
 */
class RobustFuzzTest {
    /** Fixed for CI; {@code -Djswan.fuzz.seed=N -Djswan.fuzz.scale=K} for a longer run with other mutants. */
    static final long BASE_SEED = Long.getLong("jswan.fuzz.seed", 0x6a7377616eL);
    static final int SCALE = Integer.getInteger("jswan.fuzz.scale", 1);
    static final int BATCH = 250;

    enum Mode { DATAGRAM, CIPHERTEXT, PLAINTEXT, REHASHED }

    @TempDir
    static Path dir;

    private static Exchange ref;
    private static SessionKeys keys;

    @BeforeAll
    static void record() {
        ref = Exchange.upTo(dir, Exchange.INFO);
        keys = ref.keys();
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int k = 0; k <= Exchange.INFO; k++) {
            if (k < Exchange.MI3) {
                out.add(Arguments.of(k, Mode.DATAGRAM, 2000 * SCALE));
            } else {
                out.add(Arguments.of(k, Mode.CIPHERTEXT, 2000 * SCALE));
                out.add(Arguments.of(k, Mode.PLAINTEXT, 2000 * SCALE));
                if (k != Exchange.QI2) {
                    out.add(Arguments.of(k, Mode.REHASHED, 1000 * SCALE));
                }
            }
        }
        return out;
    }

    static long seed(int k, Mode mode, int i) {
        long s = BASE_SEED * 1_000_003L + k * 7919L + mode.ordinal() * 104_729L;
        return s * 6_364_136_223_846_793_005L + i;
    }

    @ParameterizedTest(name = "{0} {1} x{2}")
    @MethodSource("cases")
    void mutantsOf(int k, Mode mode, int count) {
        String name = Exchange.NAMES.get(k);
        Bytes original = ref.msg(k);
        IsakmpHeader header = SessionKeys.header(original);
        Bytes iv = ivOf(k);
        Mutator mutator = mode == Mode.DATAGRAM ? Mutator.ofDatagram(original)
                : mode == Mode.CIPHERTEXT ? Mutator.ofCiphertext(original, SessionKeys.BS)
                : Mutator.ofBody(header.nextPayload(), keys.plaintext(original, iv));
        boolean unauthenticated = k == Exchange.MI1 || k == Exchange.MI2;
        boolean responderMainMode = k == Exchange.MI1 || k == Exchange.MI2 || k == Exchange.MI3;
        int baseline = baseline(k);
        assertEquals(Exchange.settled(k), baseline, name + ": the receiver left alone keeps its established SAs only");
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Long> batchSeeds = new ArrayList<>();
        Exchange.Replica rep = Exchange.replica(dir, ref, k);
        List<String> before = Oracle.kinds(rep.sim(), rep.node());
        int replicas = 1;
        int moved = 0;
        for (int i = 0; i < count; i++) {
            long seed = seed(k, mode, i);
            Mutator.Mutant m = mutant(mutator, k, mode, i, header, iv);
            Bytes data = wire(k, mode, header, iv, m);
            String ctx = name + " " + mode + " mutant " + i + " (seed " + seed + ", " + m.how() + ")";
            Oracle.Result r = deliver(rep, k, data, unauthenticated, ctx);
            if (r.logged("uses a previously used Message ID")) {
                // an earlier authentic mutant reserved the Message ID (as it should): judge this one afresh
                endBatch(k, mode, rep, baseline, false, responderMainMode, batchSeeds, mutator, header, iv);
                batchSeeds.clear();
                rep = Exchange.replica(dir, ref, k);
                before = Oracle.kinds(rep.sim(), rep.node());
                replicas++;
                r = deliver(rep, k, data, unauthenticated, ctx);
            }
            outcomes.merge(outcome(r), 1, Integer::sum);
            batchSeeds.add(seed);
            List<String> after = Oracle.kinds(rep.sim(), rep.node());
            boolean changed = !after.equals(before);
            if (changed || batchSeeds.size() == BATCH || i == count - 1) {
                endBatch(k, mode, rep, baseline, changed, responderMainMode, batchSeeds, mutator, header, iv);
                moved += changed ? 1 : 0;
                batchSeeds.clear();
                if (i < count - 1) {
                    rep = Exchange.replica(dir, ref, k);
                    before = Oracle.kinds(rep.sim(), rep.node());
                    replicas++;
                }
            }
        }
        System.out.println("fuzz " + name + " " + mode + " (base seed " + BASE_SEED + "): " + count + " mutants, "
                + replicas + " replicas, " + moved + " moved the receiver on; outcomes " + outcomes);
        // cannot pass by accident: the mutants were judged by several different checks, not one
        assertTrue(outcomes.size() >= 3, name + " " + mode + " reached only " + outcomes);
        assertEquals(count, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        if (mode == Mode.PLAINTEXT || mode == Mode.REHASHED) {
            assertTrue(outcomes.keySet().stream().anyMatch(o -> o.contains("payload")),
                    name + " " + mode + ": no mutant reached the payload checks: " + outcomes);
        }
    }

    private static Oracle.Result deliver(Exchange.Replica rep, int k, Bytes data, boolean unauthenticated, String ctx) {
        try {
            Oracle.Result r = Oracle.packet(rep.sim(), rep.node(), data, ref.from(k), ctx);
            Oracle.answersAtMostOnce(r, data, unauthenticated, ctx);
            return r;
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n  mutant: " + data.toHex(), e);
        }
    }

    /** Oracles 2 and 3 for a batch; if they fail, the batch is replayed mutant by mutant to name the culprit. */
    private void endBatch(int k, Mode mode, Exchange.Replica rep, int baseline, boolean changed,
                          boolean responderMainMode, List<Long> seeds, Mutator mutator, IsakmpHeader header, Bytes iv) {
        String ctx = Exchange.NAMES.get(k) + " " + mode + " batch of seeds "
                + (seeds.isEmpty() ? "(none)" : seeds.get(0) + ".." + seeds.get(seeds.size() - 1));
        try {
            settle(rep, baseline, changed, responderMainMode, ctx);
        } catch (AssertionError batchFailure) {
            for (long seed : seeds) {
                int i = (int) (seed - seed(k, mode, 0));
                Mutator.Mutant m = mutant(mutator, k, mode, i, header, iv);
                Bytes data = wire(k, mode, header, iv, m);
                Exchange.Replica one = Exchange.replica(dir, ref, k);
                List<String> before = Oracle.kinds(one.sim(), one.node());
                Oracle.packet(one.sim(), one.node(), data, ref.from(k), ctx);
                boolean moved = !Oracle.kinds(one.sim(), one.node()).equals(before);
                try {
                    settle(one, baseline, moved, responderMainMode, ctx);
                } catch (AssertionError e) {
                    throw new AssertionError(Exchange.NAMES.get(k) + " " + mode + " mutant " + i + " (seed " + seed + ", "
                            + m.how() + "): " + e.getMessage() + "\n  mutant: " + data.toHex(), e);
                }
            }
            throw batchFailure;
        }
    }

    /**
     * 76 s later: the states the replica had are back (a receiver left alone keeps only its
     * established SAs); if a mutant was accepted, whatever it made is established or gone. A Main
     * Mode responder sends nothing on a timer.
     */
    private static void settle(Exchange.Replica rep, int baseline, boolean moved, boolean responderMainMode, String ctx) {
        Oracle.Result t = Oracle.advance(rep.sim(), rep.node(), Oracle.SETTLE, ctx);
        List<String> left = Oracle.kinds(rep.sim(), rep.node());
        int n = rep.node().engine.stateCount();
        if (!moved && n != baseline) {
            throw new AssertionError(ctx + ": " + n + " states left, baseline " + baseline + ": " + left);
        }
        if (moved && (n > baseline + 1 || left.stream().anyMatch(s -> !established(s)))) {
            throw new AssertionError(ctx + ": after an accepted mutant, " + left + " left (baseline " + baseline + ")");
        }
        if (responderMainMode && !t.sends.isEmpty()) {
            throw new AssertionError(ctx + ": a Main Mode responder sent " + t.sends.size() + " datagrams on a timer");
        }
    }

    private static boolean established(String kind) {
        return kind.endsWith("STATE_MAIN_R3") || kind.endsWith("STATE_MAIN_I4") || kind.endsWith("STATE_QUICK_R2")
                || kind.endsWith("STATE_QUICK_I2");
    }

    private static int baseline(int k) {
        Exchange.Replica rep = Exchange.replica(dir, ref, k);
        Oracle.advance(rep.sim(), rep.node(), Oracle.SETTLE, "baseline");
        return rep.node().engine.stateCount();
    }

    /**
     * Mutant i of message k: from its seed, of kind i mod the number of kinds. A re-hashed mutant
     * whose only change was to the HASH itself would be the original again: then the next seeds
     * of the same kind are tried (a few at most).
     */
    private static Mutator.Mutant mutant(Mutator mutator, int k, Mode mode, int i, IsakmpHeader header, Bytes iv) {
        Mutator.Kind kind = mutator.kinds().get(i % mutator.kinds().size());
        Mutator.Mutant m = mutator.mutate(kind, seed(k, mode, i));
        for (int t = 1; t <= 8 && mode == Mode.REHASHED && wire(k, mode, header, iv, m).equals(ref.msg(k)); t++) {
            m = mutator.mutate(kind, seed(k, mode, i) ^ (t * 0x9E3779B97F4A7C15L));
        }
        return m;
    }

    /** The IV the receiver of message k decrypts it with. */
    private static Bytes ivOf(int k) {
        switch (k) {
            case Exchange.MI3:
                return keys.mi3Iv;
            case Exchange.MR3:
                return SessionKeys.lastBlock(ref.msg(Exchange.MI3));
            case Exchange.QI1:
            case Exchange.INFO:
                return keys.phase2Iv(ref.msg(Exchange.MR3), SessionKeys.header(ref.msg(k)).messageId());
            case Exchange.QR1:
                return SessionKeys.lastBlock(ref.msg(Exchange.QI1));
            case Exchange.QI2:
                return SessionKeys.lastBlock(ref.msg(Exchange.QR1));
            default:
                return null;
        }
    }

    /** The datagram for a mutant: as mutated, or its plaintext (rehashed if asked) encrypted under the real header. */
    private static Bytes wire(int k, Mode mode, IsakmpHeader header, Bytes iv, Mutator.Mutant m) {
        if (mode == Mode.DATAGRAM || mode == Mode.CIPHERTEXT) {
            return m.bytes();
        }
        Bytes body = mode == Mode.REHASHED ? rehash(k, header, m) : m.bytes();
        return keys.frame(header, m.firstType(), body, iv);
    }

    /** Recomputes the HASH a mutated body carries, so that the receiver authenticates it. */
    private static Bytes rehash(int k, IsakmpHeader header, Mutator.Mutant m) {
        Bytes b = m.bytes();
        List<Mutator.Span> spans = Mutator.spans(b, 0, m.firstType());
        Mutator.Span hash = spans.stream().filter(s -> s.type() == 8).findFirst().orElse(null);
        if (hash == null || hash.length() != 4 + keys.prf.outputLength()) {
            return b;
        }
        Bytes value;
        if (k == Exchange.MI3 || k == Exchange.MR3) {
            Mutator.Span id = spans.stream().filter(s -> s.type() == 5).findFirst().orElse(null);
            if (id == null) {
                return b;
            }
            Bytes idBody = b.slice(id.at() + 4, id.end());
            value = k == Exchange.MI3
                    ? org.jswan.ike.crypto.Ikev1Kdf.hashI(keys.prf, keys.keys.skeyid(), keys.gi, keys.gr, keys.icookie,
                            keys.rcookie, keys.saiBody, idBody)
                    : org.jswan.ike.crypto.Ikev1Kdf.hashR(keys.prf, keys.keys.skeyid(), keys.gi, keys.gr, keys.icookie,
                            keys.rcookie, keys.saiBody, idBody);
        } else {
            if (hash.at() != 0) {
                return b;
            }
            Bytes rest = b.slice(hash.end(), spans.get(spans.size() - 1).end());
            long msgid = header.messageId();
            if (k == Exchange.QI1) {
                value = org.jswan.ike.crypto.Ikev1Kdf.qmHash1(keys.prf, keys.keys.skeyidA(), msgid, rest);
            } else if (k == Exchange.QR1) {
                value = org.jswan.ike.crypto.Ikev1Kdf.qmHash2(keys.prf, keys.keys.skeyidA(), msgid, qmNi(), rest);
            } else {
                value = org.jswan.ike.crypto.Ikev1Kdf.infoHash(keys.prf, keys.keys.skeyidA(), msgid, rest);
            }
        }
        return b.slice(0, hash.at() + 4).concat(value).concat(b.slice(hash.end()));
    }

    private static Bytes qmNi() {
        Bytes qi1 = ref.msg(Exchange.QI1);
        return keys.payloads(qi1, keys.phase2Iv(ref.msg(Exchange.MR3), SessionKeys.header(qi1).messageId())).stream()
                .filter(p -> p instanceof org.jswan.ike.wire.NoncePayload).map(p -> ((org.jswan.ike.wire.NoncePayload) p).nonce())
                .findFirst().orElseThrow();
    }

    /** What the receiver made of a mutant, as a short class: its first log line with numbers and names blurred. */
    static String outcome(Oracle.Result r) {
        for (String l : r.log) {
            if (l.startsWith("| ") || l.contains("Commit Flag")) {
                continue;
            }
            String s = l.replaceFirst("^packet from [^:]+:[0-9]+: ", "").replaceFirst("^\"net\" #[0-9]+: ", "");
            s = s.replaceAll("0x[0-9a-f]+", "N").replaceAll("[0-9]+", "N");
            if (s.length() > 60) {
                s = s.substring(0, 60);
            }
            return s + (r.sends.isEmpty() ? "" : " [answered]");
        }
        return r.sends.isEmpty() ? "(silent)" : "(answered, no log)";
    }
}
