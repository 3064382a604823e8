package org.jswan.ike.base;

/**
 * The engine's only source of randomness (cookies, nonces, SPIs, DH private values, rekey fuzz).
 * The daemon passes a {@link java.security.SecureRandom}; tests pass a seeded generator so every
 * run is the same.
 */
@FunctionalInterface
public interface Rng {
    void nextBytes(byte[] out);

    default Bytes bytes(int n) {
        byte[] out = new byte[n];
        nextBytes(out);
        return Bytes.adopt(out);
    }

    /** Uniform in [0, bound). */
    default long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        byte[] r = new byte[8];
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        while (true) {
            nextBytes(r);
            long v = 0;
            for (byte x : r) {
                v = (v << 8) | (x & 0xff);
            }
            v &= Long.MAX_VALUE;
            if (v < limit) {
                return v % bound;
            }
        }
    }

    static Rng secure() {
        java.security.SecureRandom sr = new java.security.SecureRandom();
        return sr::nextBytes;
    }

    /** A deterministic generator for tests: SHA-256 in counter mode over the seed. */
    static Rng seeded(long seed) {
        return new SeededRng(seed);
    }
}
