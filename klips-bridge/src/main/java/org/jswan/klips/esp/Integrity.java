package org.jswan.klips.esp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One SA's keyed HMAC: computes the truncated ICV and compares a received one in constant time.
 * Not thread-safe (one {@link Mac} per SA direction).
 */
final class Integrity {
    private final IntegrityAlgorithm algorithm;
    private final Mac mac;
    private final byte[] scratch;

    Integrity(IntegrityAlgorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        // HMAC takes any key length; the SADB insists on the length IKE derives (RFC 4868 §2.1.1)
        if (key.length == 0) {
            throw new IllegalArgumentException(algorithm + " needs a key");
        }
        try {
            mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCA lacks " + algorithm.jcaName(), e);
        }
        scratch = new byte[mac.getMacLength()];
    }

    IntegrityAlgorithm algorithm() {
        return algorithm;
    }

    int icvLength() {
        return algorithm.icvLength();
    }

    void update(byte[] b, int off, int len) {
        mac.update(b, off, len);
    }

    /** Finishes the MAC and writes the truncated ICV to {@code out[off..]}. */
    void finish(byte[] out, int off) {
        finishScratch();
        System.arraycopy(scratch, 0, out, off, icvLength());
    }

    /** Finishes the MAC and compares, in constant time, with the ICV at {@code received[off..]}. */
    boolean finishAndVerify(byte[] received, int off) {
        finishScratch();
        int diff = 0;
        for (int i = 0; i < icvLength(); i++) {
            diff |= scratch[i] ^ received[off + i];
        }
        return diff == 0;
    }

    /** The truncated ICV of {@code b[off..off+len)} (tests and known answers). */
    byte[] icv(byte[] b, int off, int len) {
        update(b, off, len);
        byte[] out = new byte[icvLength()];
        finish(out, 0);
        return out;
    }

    private void finishScratch() {
        try {
            mac.doFinal(scratch, 0);
        } catch (ShortBufferException e) {
            throw new AssertionError(e);
        }
    }

    void destroy() {
        Arrays.fill(scratch, (byte) 0);
    }
}
