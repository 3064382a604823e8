package org.jswan.pluto;

import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackMessage;

/** Whack requests as whack sends them, through the one codec. */
final class Requests {
    private Requests() {
    }

    static byte[] status() {
        WhackMessage.Builder b = WhackMessage.builder();
        b.status = true;
        return WhackCodec.encode(b.build());
    }

    static byte[] shutdown() {
        WhackMessage.Builder b = WhackMessage.builder();
        b.shutdown = true;
        return WhackCodec.encode(b.build());
    }

    static byte[] listen() {
        WhackMessage.Builder b = WhackMessage.builder();
        b.listen = true;
        return WhackCodec.encode(b.build());
    }
}
