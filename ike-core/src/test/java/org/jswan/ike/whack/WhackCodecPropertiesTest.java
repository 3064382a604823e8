package org.jswan.ike.whack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the whack codec: round trips, and no input escapes as a runtime exception.
 * Seeds are fixed so that every run tries the same inputs.
 */
class WhackCodecPropertiesTest {

    @Provide
    Arbitrary<WhackMessage> messages() {
        return Arbitraries.randomValue(RandomWhackMessages::message);
    }

    @Property(tries = 500, seed = "500")
    void encodeThenDecodeIsIdentity(@ForAll("messages") WhackMessage m) throws WhackDecodeException {
        byte[] buf = WhackCodec.encode(m);
        assertEquals(m, WhackCodec.decode(buf, buf.length));
    }

    @Property(tries = 300, seed = "301")
    void everyTruncationIsATypedError(@ForAll("messages") WhackMessage m,
            @ForAll @IntRange(min = 0, max = 3000) int cut) {
        byte[] buf = WhackCodec.encode(m);
        decodeQuietly(buf, Math.min(cut, buf.length));
    }

    @Property(tries = 1000, seed = "1000")
    void randomGarbageNeverEscapes(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] buf = new byte[r.nextInt(3000)];
        r.nextBytes(buf);
        if (buf.length >= 4 && r.nextBoolean()) {
            // Give the interesting paths a chance: a right magic in front of the garbage.
            int magic = r.nextBoolean() ? WhackCodec.WHACK_MAGIC : WhackCodec.WHACK_BASIC_MAGIC;
            buf[0] = (byte) magic;
            buf[1] = (byte) (magic >>> 8);
            buf[2] = (byte) (magic >>> 16);
            buf[3] = (byte) (magic >>> 24);
        }
        decodeQuietly(buf, r.nextInt(buf.length + 10) - 5);
    }

    /** Deterministic bit flips of valid encodings: isakmpd-style mutation fuzzing. */
    @Property(tries = 300, seed = "302")
    void bitFlippedMessagesNeverEscape(@ForAll("messages") WhackMessage m, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] buf = WhackCodec.encode(m);
        for (int round = 0; round < 20; round++) {
            byte[] copy = buf.clone();
            int flips = 1 + r.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int at = 4 + r.nextInt(copy.length - 4);  // keep the magic so decoding goes deep
                copy[at] ^= (byte) (1 << r.nextInt(8));
            }
            decodeQuietly(copy, copy.length);
            decodeQuietly(Arrays.copyOf(copy, copy.length + r.nextInt(3)), copy.length + 2);
        }
    }

    private static void decodeQuietly(byte[] buf, int n) {
        try {
            WhackCodec.decode(buf, n);
        } catch (WhackDecodeException expected) {
            // the only allowed failure
        }
    }
}
