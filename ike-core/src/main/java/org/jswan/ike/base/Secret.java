package org.jswan.ike.base;

import java.util.Arrays;

/**
 * Key material: a pre-shared key, a DH private value or shared secret, an SKEYID, KEYMAT.
 *
 * <p>It prints as {@code <secret N bytes>}; only code that has been told {@code --debug-private}
 * may call {@link #toDebugString()}. The bytes are handed out by {@link #expose()} alone, which
 * an ArchUnit rule allows in the crypto package only. {@link #close()} zeroises the copy held here.
 */
public final class Secret implements AutoCloseable {
    private final byte[] b;
    private volatile boolean closed;

    private Secret(byte[] owned) {
        this.b = owned;
    }

    public static Secret copyOf(byte[] src) {
        return new Secret(src.clone());
    }

    public static Secret of(Bytes src) {
        return new Secret(src.toArray());
    }

    public int length() {
        return b.length;
    }

    /** A copy of the bytes. Only crypto code may call this (enforced by an architecture test). */
    public byte[] expose() {
        if (closed) {
            throw new IllegalStateException("secret used after close");
        }
        return b.clone();
    }

    /** Constant-time equality of the bytes. */
    public boolean sameAs(Secret other) {
        return java.security.MessageDigest.isEqual(b, other.b);
    }

    /** Hex of the bytes, for logs written under {@code --debug-private} only. */
    public String toDebugString() {
        return Bytes.copyOf(b).toHex();
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(b, (byte) 0);
    }

    @Override
    public String toString() {
        return "<secret " + b.length + " bytes>";
    }
}
