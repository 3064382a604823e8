package org.jswan.tools;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Consumer;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.crypto.RsaSignatures;
import org.jswan.ike.secrets.RsaPrivateKey;

/**
 * Makes an RSA key of exactly {@code nbits} bits the way {@code ipsec rsasigkey} describes it:
 * each prime starts from {@code nbits/2} random bits (top two and bottom bit set) and is the next
 * number up that is prime and has {@code gcd(e, p-1) = 1}; Prime1 is the larger; d is
 * {@code e⁻¹ mod lcm(p-1, q-1)}, or mod {@code (p-1)(q-1)} with {@code --noopt}.
 *
 * <p>The random bits come from an {@link Entropy} alone, {@code nbits/8} octets for a key (more
 * only in the rare case of a candidate overflowing its size or two primes too close), so a given
 * {@code --random} file always gives the same key. Candidates are sieved by the odd primes below
 * 2048, then must pass the JDK's {@link BigInteger#isProbablePrime} (Miller–Rabin and a Lucas
 * test) and {@code rounds} further Miller–Rabin rounds whose witnesses come from the JDK's
 * SecureRandom: witnesses need not be secret, and a composite survives a round with probability
 * at most 1/4.
 */
final class RsaKeyGenerator {
    /** The public exponent: F4. FreeS/WAN: always 3, which invites the e = 3 forgeries. */
    static final BigInteger DEFAULT_EXPONENT = BigInteger.valueOf(65537);
    private static final int[] SMALL_PRIMES = oddPrimesBelow(2048);
    private static final BigInteger TWO = BigInteger.TWO;

    private final Entropy entropy;
    private final int rounds;
    private final boolean noopt;
    private final BigInteger e;
    private final Consumer<String> progress;
    private final SecureRandom witnesses = new SecureRandom();

    RsaKeyGenerator(Entropy entropy, int rounds, boolean noopt, Consumer<String> progress) {
        this.entropy = entropy;
        this.rounds = rounds;
        this.noopt = noopt;
        this.e = DEFAULT_EXPONENT;
        this.progress = progress;
    }

    /** A key with a modulus of exactly {@code nbits} bits; {@code nbits} is a multiple of 16. */
    RsaPrivateKey generate(int nbits) throws IOException {
        int half = nbits / 2;
        BigInteger p;
        BigInteger q;
        BigInteger n;
        do {
            p = prime(half);
            q = prime(half);
            n = p.multiply(q);
            // FIPS 186-4 B.3.1: |p - q| > 2^(nbits/2 - 100), so that n does not yield to Fermat's method.
        } while (p.subtract(q).abs().bitLength() <= half - 100 || n.bitLength() != nbits);
        if (p.compareTo(q) < 0) {
            progress.accept("swapping primes so p is the larger...");
            BigInteger t = p;
            p = q;
            q = t;
        }
        progress.accept("computing modulus...");
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        BigInteger phi = p1.multiply(q1);
        BigInteger lambda = phi.divide(p1.gcd(q1));
        progress.accept(noopt ? "computing d mod (p-1)(q-1)..." : "computing d mod lcm(p-1, q-1)...");
        BigInteger d = e.modInverse(noopt ? phi : lambda);
        progress.accept("computing exponent1, exponent2, coefficient...");
        RsaPrivateKey key = new RsaPrivateKey(n, e, d, p, q, d.mod(p1), d.mod(q1), q.modInverse(p));
        selfTest(key);
        return key;
    }

    /** The key must pass pluto's load-time checks and sign a hash that verifies. */
    private void selfTest(RsaPrivateKey key) {
        Optional<String> problem = key.consistencyProblem();
        if (problem.isPresent()) {
            throw new IllegalStateException("generated key fails its check: " + problem.get());
        }
        Bytes hash = Bytes.fromHex("6a7377616e2072736173696773656c66746573740a");
        if (!RsaSignatures.verify(key.publicKey(), hash, RsaSignatures.sign(key, hash)).ok()) {
            throw new IllegalStateException("generated key fails its signature self-test");
        }
    }

    /** A prime of exactly {@code bits} bits with {@code gcd(e, p-1) = 1}. */
    BigInteger prime(int bits) throws IOException {
        while (true) {
            byte[] r = new byte[bits / 8];
            progress.accept("getting " + r.length + " random bytes from " + entropy.describe() + "...");
            entropy.fill(r);
            BigInteger base = new BigInteger(1, r).setBit(bits - 1).setBit(bits - 2).setBit(0);
            progress.accept("looking for a prime starting there (can take a while)...");
            Optional<BigInteger> p = searchUp(base, bits);
            if (p.isPresent()) {
                return p.get();
            }
            progress.accept("ran past " + bits + " bits, starting again");
        }
    }

    /** The first suitable prime at or above odd {@code base} that still has {@code bits} bits. */
    private Optional<BigInteger> searchUp(BigInteger base, int bits) {
        int[] residue = new int[SMALL_PRIMES.length];
        for (int i = 0; i < SMALL_PRIMES.length; i++) {
            residue[i] = base.mod(BigInteger.valueOf(SMALL_PRIMES[i])).intValue();
        }
        int tries = 0;
        for (long delta = 0; ; delta += 2) {
            if (divisibleBySmallPrime(residue, delta)) {
                continue;
            }
            BigInteger c = base.add(BigInteger.valueOf(delta));
            if (c.bitLength() > bits) {
                return Optional.empty();
            }
            tries++;
            if (e.gcd(c.subtract(BigInteger.ONE)).equals(BigInteger.ONE) && isPrime(c)) {
                progress.accept("found it after " + tries + " tries.");
                return Optional.of(c);
            }
        }
    }

    private static boolean divisibleBySmallPrime(int[] residue, long delta) {
        for (int i = 0; i < SMALL_PRIMES.length; i++) {
            if ((residue[i] + delta) % SMALL_PRIMES[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private boolean isPrime(BigInteger c) {
        return c.isProbablePrime(100) && millerRabin(c, rounds);
    }

    /** {@code k} Miller–Rabin rounds with random witnesses in [2, c-2]; c is odd and large. */
    private boolean millerRabin(BigInteger c, int k) {
        BigInteger cMinus1 = c.subtract(BigInteger.ONE);
        int s = cMinus1.getLowestSetBit();
        BigInteger d = cMinus1.shiftRight(s);
        for (int i = 0; i < k; i++) {
            BigInteger a;
            do {
                a = new BigInteger(c.bitLength(), witnesses);
            } while (a.compareTo(TWO) < 0 || a.compareTo(cMinus1) >= 0);
            BigInteger x = a.modPow(d, c);
            if (x.equals(BigInteger.ONE) || x.equals(cMinus1)) {
                continue;
            }
            boolean witness = true;
            for (int j = 1; j < s && witness; j++) {
                x = x.modPow(TWO, c);
                if (x.equals(cMinus1)) {
                    witness = false;
                }
            }
            if (witness) {
                return false;
            }
        }
        return true;
    }

    private static int[] oddPrimesBelow(int limit) {
        boolean[] composite = new boolean[limit];
        int count = 0;
        for (int i = 3; i < limit; i += 2) {
            if (!composite[i]) {
                count++;
                for (int j = i * i; j < limit; j += 2 * i) {
                    composite[j] = true;
                }
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 3; i < limit; i += 2) {
            if (!composite[i]) {
                out[k++] = i;
            }
        }
        return out;
    }
}
