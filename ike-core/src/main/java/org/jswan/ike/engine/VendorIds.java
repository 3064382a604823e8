package org.jswan.ike.engine;

import java.util.List;
import java.util.Map;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.VendorIdPayload;

/** Vendor IDs we recognise in logs (and, as later issues add features, send). */
final class VendorIds {
    private VendorIds() {
    }

    static final Bytes RFC3947_NATT = Bytes.fromHex("4a131c81070358455c5728f20e95452f");
    static final Bytes NATT_DRAFT_02 = Bytes.fromHex("cd60464335df21f87cfdb2fc68b6a448");
    static final Bytes NATT_DRAFT_02N = Bytes.fromHex("90cb80913ebb696e086381b5ec427b1f");
    static final Bytes NATT_DRAFT_03 = Bytes.fromHex("7d9419a65310ca6f2c179d9215529d56");
    static final Bytes DPD = Bytes.fromHex("afcad71368a1f1c96b8696fc77570100");
    static final Bytes XAUTH = Bytes.fromHex("09002689dfd6b712");
    static final Bytes CISCO_FRAG = Bytes.fromHex("4048b7d56ebce88525e7de7f00d6c2d3");

    private static final Map<Bytes, String> KNOWN = Map.of(
            RFC3947_NATT, "RFC 3947",
            NATT_DRAFT_02, "draft-ietf-ipsec-nat-t-ike-02",
            NATT_DRAFT_02N, "draft-ietf-ipsec-nat-t-ike-02_n",
            NATT_DRAFT_03, "draft-ietf-ipsec-nat-t-ike-03",
            DPD, "Dead Peer Detection",
            XAUTH, "XAUTH",
            CISCO_FRAG, "Cisco-Unity fragmentation");

    /** What we always send in MI1 / MR1: DPD (RFC 3706; we answer R_U_THERE). NAT-T adds its own. */
    static List<Payload> ours() {
        return List.of(new VendorIdPayload(DPD));
    }

    static String describe(VendorIdPayload v) {
        String name = KNOWN.get(v.vendorId());
        if (name == null && v.vendorId().length() >= 16
                && v.vendorId().slice(0, 16).equals(Bytes.fromHex("882fe56d6fd20dbc2251613b2ebe5beb"))) {
            name = "strongSwan";
        }
        return name != null ? "[" + name + "]" : "[" + v.vendorId().toHex() + "]";
    }
}
