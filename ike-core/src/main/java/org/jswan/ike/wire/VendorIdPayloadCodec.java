package org.jswan.ike.wire;

/**
 * Vendor ID payload body, RFC 2408 §3.16.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                                                               !
 * ~                        Vendor ID (VID)                        ~
 * !                                                               !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The whole body is the value; any length (including 0) frames correctly, and whether it is
 * acceptable is for the engine to say.
 */
public final class VendorIdPayloadCodec {
    private VendorIdPayloadCodec() {
    }

    public static VendorIdPayload decode(WireReader body) {
        return new VendorIdPayload(body.rest());
    }

    public static void encode(VendorIdPayload p, WireWriter w) {
        w.bytes(p.vendorId());
    }
}
