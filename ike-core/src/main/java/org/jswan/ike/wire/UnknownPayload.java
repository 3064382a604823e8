package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A payload of a type this codec has no record for (SAK, GDOI types, IKEv2 numbers, FRAG,
 * private-use numbers ...). The body is kept byte for byte so the message round-trips; the
 * engine decides what to do (normally INVALID_PAYLOAD_TYPE, RFC 2408 §5.3).
 *
 * <p>The decoder produces it only for types without a record of their own; a sender may build
 * one of any type 1..255 to emit raw bytes (impairment tests).
 *
 * @param type the payload type number, 1..255
 * @param body the payload body after the generic header
 */
public record UnknownPayload(int type, Bytes body) implements Payload {
    public UnknownPayload {
        if (type < 1 || type > 0xff) {
            throw new IllegalArgumentException("payload type " + type + " is not 1..255");
        }
        Check.bytes(body, "body", Check.MAX_BODY);
    }

    @Override
    public String toString() {
        return "UnknownPayload[" + PayloadType.nameOf(type) + ", " + body.length() + " bytes]";
    }
}
