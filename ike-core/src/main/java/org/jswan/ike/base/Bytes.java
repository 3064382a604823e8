package org.jswan.ike.base;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable string of bytes. Every constructor copies, every accessor that hands out an
 * array copies, so a {@code Bytes} can be shared freely between payloads, states and threads.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] b;

    private Bytes(byte[] owned) {
        this.b = owned;
    }

    public static Bytes copyOf(byte[] src) {
        return src.length == 0 ? EMPTY : new Bytes(src.clone());
    }

    public static Bytes copyOf(byte[] src, int off, int len) {
        return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(src, off, off + len));
    }

    /** Takes ownership of {@code owned}; the caller must never touch the array again. */
    static Bytes adopt(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Bytes(owned);
    }

    public static Bytes of(int... unsignedBytes) {
        byte[] out = new byte[unsignedBytes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) unsignedBytes[i];
        }
        return adopt(out);
    }

    /** Parses hex; whitespace and ':' separators are ignored. */
    public static Bytes fromHex(String hex) {
        String clean = hex.replaceAll("[\\s:]", "");
        return adopt(HEX.parseHex(clean));
    }

    public static Bytes zeros(int n) {
        return adopt(new byte[n]);
    }

    /** Big-endian unsigned 32-bit value in four bytes. */
    public static Bytes u32(long v) {
        return of((int) (v >>> 24), (int) (v >>> 16), (int) (v >>> 8), (int) v);
    }

    /** Big-endian unsigned 16-bit value in two bytes. */
    public static Bytes u16(int v) {
        return of(v >>> 8, v);
    }

    public static Bytes concat(Bytes... parts) {
        int n = 0;
        for (Bytes p : parts) {
            n += p.b.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (Bytes p : parts) {
            System.arraycopy(p.b, 0, out, off, p.b.length);
            off += p.b.length;
        }
        return adopt(out);
    }

    public Bytes concat(Bytes other) {
        return concat(this, other);
    }

    public int length() {
        return b.length;
    }

    public boolean isEmpty() {
        return b.length == 0;
    }

    /** The byte at {@code i}, as an unsigned value 0..255. */
    public int get(int i) {
        return b[i] & 0xff;
    }

    public int getU16(int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public long getU32(int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16)
                | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public Bytes slice(int from, int to) {
        if (from == 0 && to == b.length) {
            return this;
        }
        return copyOf(b, from, to - from);
    }

    public Bytes slice(int from) {
        return slice(from, b.length);
    }

    public byte[] toArray() {
        return b.clone();
    }

    public void copyTo(byte[] dst, int off) {
        System.arraycopy(b, 0, dst, off, b.length);
    }

    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(b).asReadOnlyBuffer();
    }

    public String toHex() {
        return HEX.formatHex(b);
    }

    /** Constant-time comparison, for MACs and hashes. */
    public boolean constantTimeEquals(Bytes other) {
        return java.security.MessageDigest.isEqual(b, other.b);
    }

    public boolean isAllZero() {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(b, other.b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(b);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(b, o.b);
    }

    @Override
    public String toString() {
        return b.length <= 64 ? toHex() : HEX.formatHex(b, 0, 64) + "...(" + b.length + " bytes)";
    }
}
