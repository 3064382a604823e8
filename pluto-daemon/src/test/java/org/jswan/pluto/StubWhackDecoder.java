package org.jswan.pluto;

import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackMessage;

/**
 * TEMPORARY test stand-in for {@code WhackCodec.decode}, which is being written in parallel.
 * It understands only the head every whack message starts with (magic, whack_status,
 * whack_shutdown: three little-endian 32-bit words), which is all a BASIC-magic message has
 * to carry, and words its errors as pluto does. Tests build their requests with {@link #basic},
 * so they stay valid against the real codec.
 */
final class StubWhackDecoder implements WhackDecoder {
    static final int HEAD = 12;

    @Override
    public WhackMessage decode(byte[] buf, int n) throws Undecodable {
        if (n < HEAD) {
            throw new Undecodable("ignoring runt message from whack: got " + n + " bytes");
        }
        int magic = le32(buf, 0);
        if (magic != WhackCodec.WHACK_MAGIC && magic != WhackCodec.WHACK_BASIC_MAGIC) {
            throw new Undecodable("ignoring message from whack with bad magic " + magic + "; should be "
                    + WhackCodec.WHACK_MAGIC + "; probably wrong version");
        }
        WhackMessage.Builder b = WhackMessage.builder();
        b.magic = magic;
        b.status = le32(buf, 4) != 0;
        b.shutdown = le32(buf, 8) != 0;
        return b.build();
    }

    /** A BASIC-magic request: what {@code whack --status} or {@code --shutdown} sends first. */
    static byte[] basic(boolean status, boolean shutdown) {
        byte[] b = new byte[HEAD];
        put32(b, 0, WhackCodec.WHACK_BASIC_MAGIC);
        put32(b, 4, status ? 1 : 0);
        put32(b, 8, shutdown ? 1 : 0);
        return b;
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void put32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
