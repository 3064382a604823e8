package org.jswan.ike.wire;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;

/**
 * Data attributes, RFC 2408 §3.3.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !A!       Attribute Type        !    AF=0  Attribute Length     !
 * !F!                             !    AF=1  Attribute Value      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                   AF=0  Attribute Value                       .
 * .                   AF=1  Not Transmitted                       .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Structure only: whether a class may be TLV, and what its value means, is the SPDB's business
 * ({@link SaAttribute#basicValue()}, {@link OakleyAttribute#basicOnly()}).
 */
public final class SaAttributeCodec {
    private static final int AF = 0x8000;

    private SaAttributeCodec() {
    }

    /** Reads attributes until {@code r} is exhausted (they fill the rest of a transform). */
    public static List<SaAttribute> decodeAll(WireReader r) throws MalformedMessageException {
        List<SaAttribute> out = new ArrayList<>();
        while (r.hasRemaining()) {
            out.add(decode(r));
        }
        return out;
    }

    public static SaAttribute decode(WireReader r) throws MalformedMessageException {
        int left = r.remaining();
        if (left < 4) {
            // RFC 2408 §3.3: every attribute has a 4-byte fixed part.
            throw r.error("attribute in the " + r.what() + " is truncated: " + left
                    + (left == 1 ? " byte" : " bytes") + " left where a 4-byte attribute header is needed");
        }
        int afType = r.u16("attribute type");
        int type = afType & 0x7fff;
        if ((afType & AF) != 0) {
            return new SaAttribute(type, true, r.bytes(2, "attribute value"));
        }
        int length = r.u16("attribute length");
        if (length > r.remaining()) {
            throw r.error("attribute type " + type + " length " + length + " runs past the end of the "
                    + r.what() + " (" + r.remaining() + " bytes left)");
        }
        Bytes value = r.bytes(length, "attribute value");
        return new SaAttribute(type, false, value);
    }

    public static void encode(SaAttribute a, WireWriter w) {
        if (a.basic()) {
            w.u16(AF | a.type()).bytes(a.value());
        } else {
            w.u16(a.type()).u16(a.value().length()).bytes(a.value());
        }
    }

    public static void encodeAll(List<SaAttribute> attributes, WireWriter w) {
        for (SaAttribute a : attributes) {
            encode(a, w);
        }
    }
}
