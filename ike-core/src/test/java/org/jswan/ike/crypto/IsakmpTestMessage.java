package org.jswan.ike.crypto;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.testing.Pcapng;

/**
 * Just enough ISAKMP for the golden tests (the real codec lives elsewhere): the 28-byte header
 * and a walk along a chain of generic payload headers.
 */
record IsakmpTestMessage(Bytes whole) {
    static final int SA = 1;
    static final int KE = 4;
    static final int ID = 5;
    static final int HASH = 8;
    static final int SIG = 9;
    static final int NONCE = 10;

    /** One payload: its type and all its bytes, generic header included. */
    record Payload(int type, Bytes whole) {
        Bytes body() {
            return whole.slice(4);
        }
    }

    static IsakmpTestMessage frame(List<Pcapng.UdpFrame> frames, int number) {
        for (Pcapng.UdpFrame f : frames) {
            if (f.number() == number) {
                return new IsakmpTestMessage(f.isakmp());
            }
        }
        throw new IllegalArgumentException("no UDP frame " + number);
    }

    Bytes ckyI() {
        return whole.slice(0, 8);
    }

    Bytes ckyR() {
        return whole.slice(8, 16);
    }

    int firstPayload() {
        return whole.get(16);
    }

    long messageId() {
        return whole.getU32(20);
    }

    boolean encrypted() {
        return (whole.get(19) & 1) != 0;
    }

    /** Everything after the header: the (encrypted or clear) payloads. */
    Bytes body() {
        return whole.slice(28, (int) whole.getU32(24));
    }

    /** The payload chain of a clear body starting with {@code firstType}; trailing padding is ignored. */
    static List<Payload> chain(int firstType, Bytes body) {
        List<Payload> out = new ArrayList<>();
        int type = firstType;
        int off = 0;
        while (type != 0) {
            int len = body.getU16(off + 2);
            if (len < 4 || off + len > body.length()) {
                throw new IllegalArgumentException("payload " + type + " at " + off + " has length " + len);
            }
            out.add(new Payload(type, body.slice(off, off + len)));
            type = body.get(off);
            off += len;
        }
        return out;
    }

    /** The first payload of {@code type} in the chain. */
    static Payload find(List<Payload> chain, int type) {
        for (Payload p : chain) {
            if (p.type() == type) {
                return p;
            }
        }
        throw new IllegalArgumentException("no payload of type " + type);
    }

    /** The payloads after the first one (the HASH), concatenated, without padding. */
    static Bytes afterFirst(List<Payload> chain) {
        Bytes r = Bytes.EMPTY;
        for (int i = 1; i < chain.size(); i++) {
            r = r.concat(chain.get(i).whole());
        }
        return r;
    }
}
