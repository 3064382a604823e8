package org.jswan.klips.pfkey;

import java.util.Arrays;

/**
 * Appends fields to a growing buffer, little-endian unless the method says {@code Be}. Buffers
 * outgrown on the way are zeroised (a message may carry keys); so is the working buffer once
 * {@link #toByteArrayAndWipe()} has copied it out.
 */
final class WireWriter {
    private byte[] buf = new byte[256];
    private int pos;

    int position() {
        return pos;
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            Arrays.fill(buf, (byte) 0);
            buf = bigger;
        }
    }

    void u8(int v) {
        room(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        room(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
    }

    void u16Be(int v) {
        room(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void u32(long v) {
        room(4);
        for (int i = 0; i < 4; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void u32Be(long v) {
        room(4);
        for (int i = 3; i >= 0; i--) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void u64(long v) {
        room(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void zeros(int n) {
        room(n);
        pos += n;
    }

    /** Zero bytes up to the next multiple of 8 (RFC 2367 §2.2: everything is 64-bit aligned). */
    void padTo8() {
        zeros((8 - pos % 8) % 8);
    }

    /** Overwrites a little-endian 16-bit field written earlier (a length). */
    void patchU16(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    byte[] toByteArrayAndWipe() {
        byte[] out = Arrays.copyOf(buf, pos);
        Arrays.fill(buf, (byte) 0);
        return out;
    }
}
