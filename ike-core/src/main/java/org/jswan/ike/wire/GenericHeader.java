package org.jswan.ike.wire;

/**
 * The generic payload header every ISAKMP payload, proposal and transform starts with.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * (RFC 2408 §3.2)
 *
 * @param next the next payload type in this chain (0 = last)
 * @param body a reader over the payload's body: its length minus these 4 bytes
 */
record GenericHeader(int next, WireReader body) {
    static final int LENGTH = 4;

    /**
     * Reads the header of {@code what} (e.g. "SA payload") from {@code r} and splits off its body,
     * which will be read with {@code bodyNotify}. Header faults use {@code r}'s notification.
     */
    static GenericHeader read(WireReader r, String what, NotifyType bodyNotify) throws MalformedMessageException {
        int left = r.remaining();
        if (left < LENGTH) {
            throw r.error(what + " header needs " + LENGTH + " bytes but only " + left
                    + (left == 1 ? " byte is" : " bytes are") + " left in the " + r.what());
        }
        int next = r.u8("next payload");
        int reserved = r.u8("RESERVED");
        // RFC 2408 §3.2: "RESERVED - Unused, set to 0."
        if (reserved != 0) {
            throw r.error(what + " RESERVED field is 0x" + Integer.toHexString(reserved) + " but must be zero");
        }
        int length = r.u16("payload length");
        // RFC 2408 §3.2: the Payload Length includes the generic payload header.
        if (length < LENGTH) {
            throw r.error(what + " length " + length + " is less than the " + LENGTH + "-byte generic payload header");
        }
        return new GenericHeader(next, r.sub(length, LENGTH, what, bodyNotify));
    }
}
