package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.IsakmpMessage;
import org.jswan.ike.wire.MalformedMessageException;
import org.jswan.ike.wire.Payload;

/** Small byte surgery on recorded datagrams, for the named robustness cases. */
final class Packets {
    private Packets() {
    }

    /** {@code d} with byte {@code at} set to {@code v}. */
    static Bytes withByte(Bytes d, int at, int v) {
        byte[] b = d.toArray();
        b[at] = (byte) v;
        return Bytes.copyOf(b);
    }

    /** {@code d} with the 32-bit big-endian field at {@code at} set to {@code v}. */
    static Bytes withU32(Bytes d, int at, long v) {
        byte[] b = d.toArray();
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (24 - 8 * i));
        }
        return Bytes.copyOf(b);
    }

    /** {@code d} with bytes {@code at..} replaced by {@code with}. */
    static Bytes withBytes(Bytes d, int at, Bytes with) {
        byte[] b = d.toArray();
        with.copyTo(b, at);
        return Bytes.copyOf(b);
    }

    static Bytes withFlags(Bytes d, int flags) {
        return withByte(d, 19, flags);
    }

    static Bytes withMessageId(Bytes d, long msgid) {
        return withU32(d, 20, msgid);
    }

    static Bytes withExchange(Bytes d, int x) {
        return withByte(d, 18, x);
    }

    static Bytes withRcookie(Bytes d, Bytes rcookie) {
        return withBytes(d, 8, rcookie);
    }

    static Bytes withIcookie(Bytes d, Bytes icookie) {
        return withBytes(d, 0, icookie);
    }

    static IsakmpMessage decode(Bytes clear) {
        try {
            return IsakmpMessage.decode(clear);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e.detail(), e);
        }
    }

    /** A cleartext message: {@code template}'s header (flags, cookies, exchange, message ID) with these payloads. */
    static Bytes clear(Bytes template, List<? extends Payload> payloads) {
        IsakmpHeader h = SessionKeys.header(template);
        return new IsakmpMessage(h, new ArrayList<>(payloads)).encode();
    }

    /** The payloads of a cleartext message. */
    static List<Payload> payloads(Bytes clear) {
        return new ArrayList<>(decode(clear).payloads());
    }

    static <T> List<T> with(List<T> list, int index, T element) {
        List<T> out = new ArrayList<>(list);
        out.set(index, element);
        return out;
    }

    static <T> List<T> without(List<T> list, int index) {
        List<T> out = new ArrayList<>(list);
        out.remove(index);
        return out;
    }

    static <T> List<T> plus(List<T> list, int index, T element) {
        List<T> out = new ArrayList<>(list);
        out.add(index, element);
        return out;
    }
}
