package org.jswan.klips.pfkey;

/**
 * Reads a window {@code [pos, limit)} of a message. Every read is checked against the window's
 * own limit, so no read can leave the extension it belongs to; running short is an
 * {@link Errno#EINVAL} naming {@code what}. Multi-byte reads are little-endian (Linux x86-64 host
 * order) unless they say {@code Be} (network order).
 */
final class WireReader {
    private final byte[] buf;
    private final String what;
    private int pos;
    private final int limit;

    private WireReader(byte[] buf, int pos, int limit, String what) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
        this.what = what;
    }

    static WireReader of(byte[] buf, String what) {
        return new WireReader(buf, 0, buf.length, what);
    }

    String what() {
        return what;
    }

    int remaining() {
        return limit - pos;
    }

    int position() {
        return pos;
    }

    /** A reader over the next {@code n} bytes, which this one skips. */
    WireReader sub(int n, String subWhat) throws PfKeyException {
        need(n);
        WireReader r = new WireReader(buf, pos, pos + n, subWhat);
        pos += n;
        return r;
    }

    private void need(int n) throws PfKeyException {
        if (n < 0 || n > limit - pos) {
            throw new PfKeyException(Errno.EINVAL, what + ": needs " + n + " more bytes, has " + (limit - pos));
        }
    }

    int u8() throws PfKeyException {
        need(1);
        return Byte.toUnsignedInt(buf[pos++]);
    }

    int u16() throws PfKeyException {
        need(2);
        int v = Byte.toUnsignedInt(buf[pos]) | Byte.toUnsignedInt(buf[pos + 1]) << 8;
        pos += 2;
        return v;
    }

    int u16Be() throws PfKeyException {
        need(2);
        int v = Byte.toUnsignedInt(buf[pos]) << 8 | Byte.toUnsignedInt(buf[pos + 1]);
        pos += 2;
        return v;
    }

    long u32() throws PfKeyException {
        need(4);
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | Byte.toUnsignedInt(buf[pos + i]);
        }
        pos += 4;
        return v;
    }

    long u32Be() throws PfKeyException {
        need(4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | Byte.toUnsignedInt(buf[pos + i]);
        }
        pos += 4;
        return v;
    }

    /** An unsigned 64-bit field, as a {@code long} holding the same bits. */
    long u64() throws PfKeyException {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | Byte.toUnsignedInt(buf[pos + i]);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(int n) throws PfKeyException {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    void skip(int n) throws PfKeyException {
        need(n);
        pos += n;
    }

    /** The window must be used up exactly: {@code EINVAL} naming the leftover otherwise. */
    void expectEnd() throws PfKeyException {
        if (pos != limit) {
            throw new PfKeyException(Errno.EINVAL, what + ": " + (limit - pos) + " bytes left over");
        }
    }
}
