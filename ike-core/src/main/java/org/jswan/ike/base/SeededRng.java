package org.jswan.ike.base;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over (seed, counter): reproducible randomness for tests and simulations. */
final class SeededRng implements Rng {
    private final long seed;
    private long counter;
    private final byte[] block = new byte[32];
    private int used = 32;
    private final MessageDigest sha;

    SeededRng(long seed) {
        this.seed = seed;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (used == block.length) {
                refill();
            }
            out[i] = block[used++];
        }
    }

    private void refill() {
        byte[] in = new byte[16];
        for (int i = 0; i < 8; i++) {
            in[i] = (byte) (seed >>> (56 - 8 * i));
            in[8 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        counter++;
        byte[] d = sha.digest(in);
        System.arraycopy(d, 0, block, 0, block.length);
        used = 0;
    }
}
