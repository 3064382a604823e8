package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.EnumSet;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Rng;
import org.jswan.ike.base.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The MODP primes, the private-exponent policy, agreement, and the KE value checks. */
class DhGroupTest {
    /** k in p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) pi) + k), per RFC 2409 §6.2 and RFC 3526. */
    private static int rfcOffset(DhGroup g) {
        return switch (g) {
            case MODP1024 -> 129093;
            case MODP1536 -> 741804;
            case MODP2048 -> 124476;
            case MODP3072 -> 1690314;
            case MODP4096 -> 240904;
            case MODP6144 -> 929484;
            case MODP8192 -> 4743158;
        };
    }

    /** floor(pi * 2^bits), by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239) in fixed point. */
    private static BigInteger piTimes2ToThe(int bits) {
        int work = bits + 64; // guard bits against the truncation of each term
        BigInteger pi = atanInverse(5, work).shiftLeft(4).subtract(atanInverse(239, work).shiftLeft(2));
        return pi.shiftRight(64);
    }

    private static BigInteger atanInverse(int x, int bits) {
        BigInteger xx = BigInteger.valueOf((long) x * x);
        BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(x)); // 2^bits / x^(2n+1)
        BigInteger sum = power;
        for (int n = 1; power.signum() != 0; n++) {
            power = power.divide(xx);
            BigInteger term = power.divide(BigInteger.valueOf(2L * n + 1));
            sum = (n % 2 == 1) ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void primeIsTheRfcConstant(DhGroup g) {
        int n = g.byteLength() * 8;
        BigInteger p = BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE.shiftLeft(n - 64)).subtract(BigInteger.ONE)
                .add(piTimes2ToThe(n - 130).add(BigInteger.valueOf(rfcOffset(g))).shiftLeft(64));
        assertEquals(p, g.prime(), g + " hex constant differs from the RFC formula");
        assertEquals(n, g.prime().bitLength());
        assertEquals(BigInteger.TWO, g.generator());
    }

    /** p and q = (p-1)/2 probably prime: one Miller-Rabin round plus BigInteger's Lucas test. */
    @ParameterizedTest
    @EnumSource(value = DhGroup.class, names = {"MODP1024", "MODP1536", "MODP2048", "MODP3072", "MODP4096"})
    void primeIsSafe(DhGroup g) {
        BigInteger p = g.prime();
        assertTrue(p.isProbablePrime(1), "p");
        assertTrue(p.shiftRight(1).isProbablePrime(1), "(p-1)/2");
        assertEquals(BigInteger.valueOf(7), p.mod(BigInteger.valueOf(8)), "p = 7 mod 8, so 2 generates the q-subgroup");
    }

    @Test
    void registryAndExponentPolicy() {
        int[] oakley = {2, 5, 14, 15, 16, 17, 18};
        int[] bits = {1024, 1536, 2048, 3072, 4096, 6144, 8192};
        int[] strength = {80, 96, 112, 128, 152, 176, 200};
        int[] exponent = {256, 256, 256, 256, 304, 352, 400};
        DhGroup[] all = DhGroup.values();
        assertEquals(7, all.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals(oakley[i], all[i].oakleyId());
            assertEquals(bits[i] / 8, all[i].byteLength());
            assertEquals(strength[i], all[i].securityStrengthBits());
            assertEquals(exponent[i], all[i].privateExponentBits());
            assertSame(all[i], DhGroup.fromOakley(oakley[i]));
        }
        assertEquals("OAKLEY_GROUP_MODP1536", DhGroup.MODP1536.oakleyName());
        assertNull(DhGroup.fromOakley(1), "MODP768 is not implemented");
        assertNull(DhGroup.fromOakley(19), "ECP groups are not in this enum");
    }

    @Test
    void privateExponentsAreShortOpaqueAndSeeded() {
        DhPrivate a = DhGroup.MODP2048.generatePrivate(Rng.seeded(1));
        DhPrivate b = DhGroup.MODP2048.generatePrivate(Rng.seeded(1));
        DhPrivate c = DhGroup.MODP2048.generatePrivate(Rng.seeded(2));
        assertEquals(32, a.x().length());
        assertTrue(a.x().sameAs(b.x()), "same seed, same exponent");
        assertFalse(a.x().sameAs(c.x()));
        assertEquals("<secret OAKLEY_GROUP_MODP2048 private exponent, 32 bytes>", a.toString());
        assertFalse(a.toString().contains(a.x().toDebugString().substring(0, 8)));
        assertEquals(50, DhGroup.MODP8192.generatePrivate(Rng.seeded(3)).x().length());
    }

    @Test
    void exponentZeroOrOneIsDrawnAgain() {
        byte[][] draws = {new byte[32], new byte[32], new byte[32]};
        draws[1][31] = 1;
        draws[2][0] = 7;
        int[] next = {0};
        Rng rigged = out -> System.arraycopy(draws[next[0]++], 0, out, 0, out.length);
        DhPrivate x = DhGroup.MODP1024.generatePrivate(rigged);
        assertEquals(3, next[0]);
        assertEquals(Bytes.copyOf(draws[2]).toHex(), x.x().toDebugString());
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void twoPartiesAgree(DhGroup g) throws InvalidPublicValueException {
        Rng rng = Rng.seeded(g.oakleyId());
        DhPrivate xi = g.generatePrivate(rng);
        DhPrivate xr = g.generatePrivate(rng);
        Bytes gxi = g.publicValue(xi);
        Bytes gxr = g.publicValue(xr);
        assertEquals(g.byteLength(), gxi.length());
        assertNotEquals(gxi, gxr);
        Secret si = g.sharedSecret(xi, gxr);
        Secret sr = g.sharedSecret(xr, gxi);
        assertEquals(g.byteLength(), si.length());
        assertTrue(si.sameAs(sr), "g^(xi*xr) the same on both sides");
        assertEquals(new BigInteger(1, gxi.toArray()).modPow(new BigInteger(1, xr.x().expose()), g.prime()),
                new BigInteger(1, Bytes.fromHex(sr.toDebugString()).toArray()));
    }

    @Test
    void publicValueKnownAnswer() {
        // x = 2: g^x = 4, left-padded to 128 bytes
        DhPrivate two = new DhPrivate(DhGroup.MODP1024, Secret.of(Bytes.of(2)));
        assertEquals(Bytes.concat(Bytes.zeros(127), Bytes.of(4)), DhGroup.MODP1024.publicValue(two));
    }

    @Test
    void valuesWithLeadingZeroBytesArePadded() throws InvalidPublicValueException {
        DhGroup g = DhGroup.MODP1024;
        Rng rng = Rng.seeded(42);
        for (int tries = 0; tries < 5000; tries++) {
            DhPrivate x = g.generatePrivate(rng);
            Bytes gx = g.publicValue(x);
            if (gx.get(0) == 0) {
                assertEquals(128, gx.length());
                DhPrivate y = g.generatePrivate(rng);
                assertTrue(g.sharedSecret(y, gx).sameAs(g.sharedSecret(x, g.publicValue(y))));
                return;
            }
        }
        throw new AssertionError("no public value with a leading zero byte in 5000 draws");
    }

    /**
     * The checks run before the private value is touched: with a closed DhPrivate any
     * exponentiation would fail with IllegalStateException ("secret used after close").
     */
    @ParameterizedTest
    @EnumSource(value = DhGroup.class, names = {"MODP1024", "MODP2048", "MODP8192"})
    void badPublicValuesAreRefusedWithoutAnyExponentiation(DhGroup g) {
        DhPrivate closed = g.generatePrivate(Rng.seeded(7));
        closed.close();
        BigInteger p = g.prime();
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(g.byteLength() * 8).subtract(BigInteger.ONE)}) {
            Bytes wire = fixed(y, g.byteLength());
            InvalidPublicValueException e = assertThrows(InvalidPublicValueException.class,
                    () -> g.sharedSecret(closed, wire), "y = " + y.toString(16));
            assertSame(g, e.group());
            assertThrows(InvalidPublicValueException.class, () -> g.validatePublicValue(wire));
        }
        Bytes two = fixed(BigInteger.TWO, g.byteLength());
        for (Bytes wrongLength : new Bytes[] {two.slice(1), Bytes.concat(Bytes.of(0), two), Bytes.EMPTY}) {
            InvalidPublicValueException e = assertThrows(InvalidPublicValueException.class,
                    () -> g.sharedSecret(closed, wrongLength));
            assertTrue(e.getMessage().contains("must have " + g.byteLength()), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> g.sharedSecret(closed, two), "a good value does use x");
    }

    @Test
    void rangeLimitsAreExact() throws InvalidPublicValueException {
        DhGroup g = DhGroup.MODP1536;
        g.validatePublicValue(fixed(BigInteger.TWO, g.byteLength()));
        g.validatePublicValue(fixed(g.prime().subtract(BigInteger.TWO), g.byteLength()));
        InvalidPublicValueException e = assertThrows(InvalidPublicValueException.class,
                () -> g.validatePublicValue(fixed(g.prime().subtract(BigInteger.ONE), g.byteLength())));
        assertEquals("OAKLEY_GROUP_MODP1536 public value is p-1, must be less than p-1", e.getMessage());
        assertTrue(e instanceof java.security.InvalidKeyException);
    }

    @Test
    void privateValueOfAnotherGroupIsAProgrammingError() {
        DhPrivate x = DhGroup.MODP1024.generatePrivate(Rng.seeded(9));
        assertThrows(IllegalArgumentException.class, () -> DhGroup.MODP2048.publicValue(x));
        assertTrue(EnumSet.allOf(DhGroup.class).contains(x.group()));
    }

    private static Bytes fixed(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, out, len - n, n);
        return Bytes.copyOf(out);
    }
}
