package org.jswan.ike.wire;

import java.util.Arrays;
import org.jswan.ike.base.Bytes;

/**
 * Appends ISAKMP fields in network order and fills in length fields afterwards, the way pluto's
 * {@code out_struct}/{@code close_output_pbs} do. Not shared: one writer builds one message.
 *
 * <p>Out-of-range values are programming errors on the sending side and throw
 * {@code IllegalArgumentException}; received data never reaches a writer unchecked.
 */
public final class WireWriter {
    private byte[] buf = new byte[256];
    private int len;

    public int position() {
        return len;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    public WireWriter u8(int v) {
        check(v, 0xff, "byte");
        room(1);
        buf[len++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        check(v, 0xffff, "16-bit field");
        room(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public WireWriter u32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("32-bit field out of range: " + v);
        }
        room(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public WireWriter bytes(Bytes b) {
        room(b.length());
        b.copyTo(buf, len);
        len += b.length();
        return this;
    }

    public WireWriter zeros(int n) {
        room(n);
        len += n;
        return this;
    }

    /** Overwrites the byte at {@code at} (a next-payload field written before its successor was known). */
    public void patchU8(int at, int v) {
        check(v, 0xff, "byte");
        checkAt(at, 1);
        buf[at] = (byte) v;
    }

    /** Overwrites the 16-bit field at {@code at}. */
    public void patchU16(int at, int v) {
        check(v, 0xffff, "16-bit field");
        checkAt(at, 2);
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    /**
     * Writes a generic payload header (RFC 2408 §3.2: next payload, RESERVED 0, length) with the
     * length still open, and returns where the payload starts, for {@link #endPayload}.
     */
    public int beginPayload(int nextPayload) {
        int start = len;
        u8(nextPayload).u8(0).u16(0);
        return start;
    }

    /** Fills in the length of the payload begun at {@code start}. */
    public void endPayload(int start) {
        int n = len - start;
        if (n > 0xffff) {
            throw new IllegalArgumentException("payload of " + n + " bytes does not fit its 16-bit length field");
        }
        patchU16(start + 2, n);
    }

    public Bytes toBytes() {
        return Bytes.copyOf(buf, 0, len);
    }

    private static void check(int v, int max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    private void checkAt(int at, int n) {
        if (at < 0 || at + n > len) {
            throw new IllegalArgumentException("patch at " + at + " outside the " + len + " bytes written");
        }
    }
}
