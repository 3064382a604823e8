package org.jswan.klips.pfkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing (isakmpd style): the golden messages and random well-formed ones, with
 * bits flipped, bytes overwritten, lengths rewritten, bytes cut and added. Every result must either
 * be refused with a {@link PfKeyException} or decode to a message that re-encodes and decodes to
 * itself. Nothing else — no {@code IndexOutOfBoundsException}, no {@code IllegalArgumentException}.
 */
class MutationFuzzTest {
    static final long SEED = 0x5ad6_2367L;
    static final int ROUNDS = 60_000;

    @Test
    void mutantsAreRefusedOrReencodable() throws Exception {
        List<byte[]> corpus = corpus();
        Random rnd = new Random(SEED);
        int refused = 0;
        int accepted = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] base = corpus.get(rnd.nextInt(corpus.size()));
            byte[] mutant = mutate(base, rnd);
            int round = i;
            try {
                PfKeyMessage m = PfKeyMessage.decode(mutant);
                byte[] again = m.encode();
                assertEquals(m, PfKeyMessage.decode(again), () -> "round " + round + ": re-decode of " + Hex.of(mutant));
                accepted++;
            } catch (PfKeyException e) {
                assertNotNull(e.errno());
                refused++;
            } catch (RuntimeException | AssertionError e) {
                fail("round " + i + " (seed " + SEED + "): " + e + " on " + Hex.of(mutant), e);
            }
        }
        // Both outcomes must really be exercised, or the mutator is not reaching the codec.
        if (refused < ROUNDS / 10 || accepted < ROUNDS / 10) {
            fail("refused " + refused + ", accepted " + accepted + ": mutations too mild or too wild");
        }
    }

    static List<byte[]> corpus() throws IllegalAccessException {
        List<byte[]> corpus = new ArrayList<>();
        for (Field f : GoldenBytesTest.class.getDeclaredFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                String s = (String) f.get(null);
                if (!s.startsWith("03 00 15")) { // FLOWS_V4 is a fragment, not a message
                    corpus.add(Hex.parse(s));
                }
            }
        }
        RandomMessages gen = new RandomMessages(SEED);
        for (int i = 0; i < 200; i++) {
            corpus.add(gen.message().encode());
        }
        return corpus;
    }

    static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        int kind = rnd.nextInt(7);
        switch (kind) {
            case 0: // flip 1-4 bits anywhere
                for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                break;
            case 1: // overwrite a byte, header len kept
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                break;
            case 2: // rewrite an extension length (u16 at an 8-aligned offset past the header)
                if (b.length > 16) {
                    int at = 16 + 8 * rnd.nextInt((b.length - 16) / 8);
                    int v = rnd.nextInt(4) == 0 ? rnd.nextInt(0x10000) : rnd.nextInt(12);
                    b[at] = (byte) v;
                    b[at + 1] = (byte) (v >>> 8);
                }
                break;
            case 3: // cut at a word boundary, header len fixed up so the extensions are reached
                b = Arrays.copyOf(b, 16 + 8 * rnd.nextInt(Math.max(1, (b.length - 16) / 8 + 1)));
                fixLen(b);
                break;
            case 4: // append random words, header len fixed up
                byte[] more = new byte[8 * (1 + rnd.nextInt(4))];
                rnd.nextBytes(more);
                if (rnd.nextBoolean()) {
                    more[0] = (byte) (more.length / 8);
                    more[1] = 0;
                }
                byte[] grown = Arrays.copyOf(b, b.length + more.length);
                System.arraycopy(more, 0, grown, b.length, more.length);
                b = grown;
                fixLen(b);
                break;
            case 5: // cut anywhere (length no longer a multiple of 8)
                b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                break;
            default: // several byte writes, then a fixed header len
                for (int n = 1 + rnd.nextInt(6); n > 0; n--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                fixLen(b);
                break;
        }
        return b;
    }

    private static void fixLen(byte[] b) {
        if (b.length >= 16) {
            b[0] = 2;
            b[4] = (byte) (b.length / 8);
            b[5] = (byte) (b.length / 8 >>> 8);
        }
    }
}
