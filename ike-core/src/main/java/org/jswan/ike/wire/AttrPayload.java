package org.jswan.ike.wire;

import java.util.List;

/**
 * A mode-config Attribute payload (payload type 14, draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2),
 * the carrier of XAUTH prompts and replies. Its attributes have the RFC 2408 §3.3 TV/TLV form.
 *
 * @param cfgType    1 = ISAKMP_CFG_REQUEST, 2 = ISAKMP_CFG_REPLY, 3 = ISAKMP_CFG_SET, 4 = ISAKMP_CFG_ACK
 * @param identifier transaction identifier
 * @param attributes the attributes in wire order (a TLV of length 0 asks for a value)
 */
public record AttrPayload(int cfgType, int identifier, List<SaAttribute> attributes) implements Payload {
    public static final int CFG_REQUEST = 1;
    public static final int CFG_REPLY = 2;
    public static final int CFG_SET = 3;
    public static final int CFG_ACK = 4;

    public AttrPayload {
        Check.u8(cfgType, "attribute payload type");
        Check.u16(identifier, "identifier");
        attributes = Check.list(attributes, "attributes");
    }

    @Override
    public int type() {
        return PayloadType.ATTR.value();
    }

    /** "ISAKMP_CFG_REQUEST" ... or the number. */
    public static String cfgTypeName(int cfgType) {
        switch (cfgType) {
            case CFG_REQUEST:
                return "ISAKMP_CFG_REQUEST";
            case CFG_REPLY:
                return "ISAKMP_CFG_REPLY";
            case CFG_SET:
                return "ISAKMP_CFG_SET";
            case CFG_ACK:
                return "ISAKMP_CFG_ACK";
            default:
                return Integer.toString(cfgType);
        }
    }
}
