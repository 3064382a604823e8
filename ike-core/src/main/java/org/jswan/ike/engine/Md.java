package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.Payload;

/**
 * A received message after decoding (pluto's {@code msg_digest}): header, payloads in order,
 * the raw datagram (for duplicate detection), where it came from, and the IV that decrypting it
 * left behind.
 */
record Md(IsakmpHeader header, List<Payload> payloads, Bytes raw, Endpoint from, Endpoint to, boolean encrypted,
          Bytes ivAfter) {

    <T extends Payload> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Payload p : payloads) {
            if (type.isInstance(p)) {
                out.add(type.cast(p));
            }
        }
        return out;
    }

    <T extends Payload> T first(Class<T> type) {
        for (Payload p : payloads) {
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
        return null;
    }
}
