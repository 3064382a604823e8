package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Vendor ID payload (RFC 2408 §3.16).
 *
 * @param vendorId the vendor ID, usually a hash such as RFC 3947's {@code 4a131c81070358455c5728f20e95452f}
 */
public record VendorIdPayload(Bytes vendorId) implements Payload {
    public VendorIdPayload {
        Check.bytes(vendorId, "vendorId", Check.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.VID.value();
    }

    @Override
    public String toString() {
        return "VendorIdPayload[" + vendorId.length() + " bytes]";
    }
}
