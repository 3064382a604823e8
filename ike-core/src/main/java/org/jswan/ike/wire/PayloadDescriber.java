package org.jswan.ike.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;

/**
 * Renders a message as the struct dumps of pluto's {@code --debug-parsing} and
 * {@code --debug-emitting}: one line per field, each starting with "| ", nested structures
 * marked by more stars. Numbers are shown with their RFC names.
 *
 * <p>Everything printed is bounded, whatever the peer sent (CVE-2015-3204, CVE-2010-2628): KE,
 * NONCE, HASH and SIG bodies show only their length, byte strings are cut after
 * {@value #MAX_HEX} bytes, text identities after {@value #MAX_TEXT} characters with
 * non-printable characters escaped.
 */
public final class PayloadDescriber {
    static final int MAX_HEX = 32;
    static final int MAX_TEXT = 64;
    private static final int MAX_SPIS = 8;

    /** Well-known vendor IDs (their published values), to name them in dumps. */
    private static final Map<Bytes, String> VENDOR_IDS = Map.of(
            Bytes.fromHex("4a131c81070358455c5728f20e95452f"), "RFC 3947",
            Bytes.fromHex("90cb80913ebb696e086381b5ec427b1f"), "draft-ietf-ipsec-nat-t-ike-02\\n",
            Bytes.fromHex("cd60464335df21f87cfdb2fc68b6a448"), "draft-ietf-ipsec-nat-t-ike-02",
            Bytes.fromHex("7d9419a65310ca6f2c179d9215529d56"), "draft-ietf-ipsec-nat-t-ike-03",
            Bytes.fromHex("afcad71368a1f1c96b8696fc77570100"), "Dead Peer Detection",
            Bytes.fromHex("09002689dfd6b712"), "XAUTH",
            Bytes.fromHex("4048b7d56ebce88525e7de7f00d6c2d3"), "FRAGMENTATION",
            Bytes.fromHex("4048b7d56ebce88525e7de7f00d6c2d380000000"), "FRAGMENTATION",
            Bytes.fromHex("882fe56d6fd20dbc2251613b2ebe5beb"), "strongSwan");

    private final List<String> out = new ArrayList<>();
    private final String verb;

    private PayloadDescriber(String verb) {
        this.verb = verb;
    }

    /** The {@code --debug-parsing} dump of a received message. */
    public static List<String> describe(IsakmpHeader header, List<Payload> payloads) {
        return describe(header, payloads, false);
    }

    /** The dump of a message; {@code emitting} says "emit" (for {@code --debug-emitting}) instead of "parse". */
    public static List<String> describe(IsakmpHeader header, List<Payload> payloads, boolean emitting) {
        PayloadDescriber d = new PayloadDescriber(emitting ? "emit" : "parse");
        d.header(header);
        for (int i = 0; i < payloads.size(); i++) {
            int next = i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE.value();
            d.payload(payloads.get(i), next);
        }
        return List.copyOf(d.out);
    }

    private void title(int depth, String what) {
        out.add("| " + "*".repeat(depth) + verb + " " + what + ":");
    }

    private void field(String name, String value) {
        out.add("|    " + name + ": " + value);
    }

    private void header(IsakmpHeader h) {
        title(3, "ISAKMP Message");
        out.add("|    initiator cookie:");
        out.add("|   " + grouped(h.initiatorCookie()));
        out.add("|    responder cookie:");
        out.add("|   " + grouped(h.responderCookie()));
        field("next payload type", nextName(h.nextPayload()));
        field("ISAKMP version", "ISAKMP Version " + h.majorVersion() + "." + h.minorVersion());
        field("exchange type", exchangeName(h.exchangeType()));
        field("flags", flagNames(h.flags()));
        field("message ID", String.format("0x%08x", h.messageId()));
        field("length", Long.toString(h.length()));
    }

    private void payload(Payload p, int next) {
        String title = payloadTitle(p);
        title(4, title);
        field("next payload type", nextName(next));
        field("length", Integer.toString(GenericHeader.LENGTH + PayloadChain.encodeBody(p).length()));
        body(p, 4);
    }

    private void body(Payload p, int depth) {
        if (p instanceof SaPayload sa) {
            field("DOI", Doi.nameOf(sa.doi()));
            field("IPsec DOI SIT", Doi.situationName(sa.situation()));
            for (int i = 0; i < sa.proposals().size(); i++) {
                proposal(sa.proposals().get(i), i + 1 < sa.proposals().size() ? PayloadType.P.value() : 0, depth + 1);
            }
        } else if (p instanceof ProposalPayload pp) {
            proposalBody(pp, depth);
        } else if (p instanceof TransformPayload t) {
            transformBody(t, ProtocolId.ISAKMP.value(), depth);
        } else if (p instanceof KePayload ke) {
            field("key exchange data", length(ke.keyData()));
        } else if (p instanceof IdPayload id) {
            field("ID type", "ID_" + IdType.nameOf(id.idType()));
            field("protocol ID", Integer.toString(id.protocolId()));
            field("port", Integer.toString(id.port()));
            field("identification", identification(id));
        } else if (p instanceof CertPayload c) {
            field("cert encoding", "CERT_" + CertEncoding.nameOf(c.encoding()));
            field("certificate data", length(c.data()));
        } else if (p instanceof CertReqPayload cr) {
            field("cert type", "CERT_" + CertEncoding.nameOf(cr.certType()));
            field("certificate authority", length(cr.authority()));
        } else if (p instanceof HashPayload h) {
            field("hash data", length(h.hash()));
        } else if (p instanceof SigPayload s) {
            field("signature data", length(s.signature()));
        } else if (p instanceof NoncePayload n) {
            field("nonce data", length(n.nonce()));
        } else if (p instanceof NotificationPayload n) {
            notification(n);
        } else if (p instanceof DeletePayload d) {
            delete(d);
        } else if (p instanceof VendorIdPayload v) {
            String known = VENDOR_IDS.get(v.vendorId());
            field("vendor ID", hex(v.vendorId()) + (known == null ? "" : " [" + known + "]"));
        } else if (p instanceof AttrPayload a) {
            field("attribute payload type", AttrPayload.cfgTypeName(a.cfgType()));
            field("identifier", Integer.toString(a.identifier()));
            for (SaAttribute at : a.attributes()) {
                title(depth + 1, "ISAKMP ModeCfg attribute");
                attributeFields(Integer.toString(at.type()), at, null);
            }
        } else if (p instanceof NatDPayload n) {
            field("hash", hex(n.hash()));
        } else if (p instanceof NatOaPayload n) {
            field("ID type", "ID_" + IdType.nameOf(n.idType()));
            field("original address", n.address().length() == 4 || n.address().length() == 16
                    ? n.ipAddress().toString() : hex(n.address()));
        } else if (p instanceof UnknownPayload u) {
            field("body", length(u.body()));
        }
    }

    private void proposal(ProposalPayload p, int next, int depth) {
        title(depth, "ISAKMP Proposal Payload");
        field("next payload type", nextName(next));
        field("length", Integer.toString(GenericHeader.LENGTH + PayloadChain.encodeBody(p).length()));
        proposalBody(p, depth);
    }

    private void proposalBody(ProposalPayload p, int depth) {
        field("proposal number", Integer.toString(p.number()));
        field("protocol ID", protocolName(p.protocolId()));
        field("SPI size", Integer.toString(p.spi().length()));
        field("number of transforms", Integer.toString(p.transforms().size()));
        if (!p.spi().isEmpty()) {
            field("SPI", hex(p.spi()));
        }
        List<TransformPayload> ts = p.transforms();
        for (int i = 0; i < ts.size(); i++) {
            TransformPayload t = ts.get(i);
            ProtocolId proto = ProtocolId.fromValue(p.protocolId());
            title(depth + 1, "ISAKMP Transform Payload (" + (proto == null ? Integer.toString(p.protocolId())
                    : proto == ProtocolId.ISAKMP ? "ISAKMP" : proto.name().replace("IPSEC_", "")) + ")");
            field("next payload type", nextName(i + 1 < ts.size() ? PayloadType.T.value() : 0));
            field("length", Integer.toString(GenericHeader.LENGTH + PayloadChain.encodeBody(t).length()));
            transformBody(t, p.protocolId(), depth + 1);
        }
    }

    private void transformBody(TransformPayload t, int protocolId, int depth) {
        field("transform number", Integer.toString(t.number()));
        field("transform ID", transformIdName(protocolId, t.transformId()));
        boolean oakley = protocolId == ProtocolId.ISAKMP.value();
        for (SaAttribute a : t.attributes()) {
            title(depth + 1, oakley ? "ISAKMP Oakley attribute" : "ISAKMP IPsec DOI attribute");
            String name = oakley ? "OAKLEY_" + OakleyAttribute.nameOf(a.type()) : IpsecAttribute.nameOf(a.type());
            attributeFields(name, a, oakley ? oakleyValueName(a) : ipsecValueName(a));
        }
    }

    private void attributeFields(String name, SaAttribute a, String valueName) {
        field("af+type", name + (a.basic() ? "" : " (TLV)"));
        if (a.basic()) {
            int v = a.value().getU16(0);
            field("length/value", Integer.toString(v));
            if (valueName != null) {
                out.add("|    [" + v + " is " + valueName + "]");
            }
        } else {
            field("length/value", Integer.toString(a.value().length()));
            String num = "";
            if (!a.value().isEmpty() && a.value().length() <= 8) {
                try {
                    num = " (" + a.numericValue() + ")";
                } catch (MalformedMessageException e) {
                    num = "";
                }
            }
            field("value", hex(a.value()) + num);
        }
    }

    private static String oakleyValueName(SaAttribute a) {
        OakleyAttribute t = OakleyAttribute.fromValue(a.type());
        if (t == null || !a.basic()) {
            return null;
        }
        int v = a.value().getU16(0);
        switch (t) {
            case ENCRYPTION_ALGORITHM:
                return OakleyEncryption.nameOf(v);
            case HASH_ALGORITHM:
                return OakleyHash.nameOf(v);
            case AUTHENTICATION_METHOD:
                return OakleyAuthMethod.nameOf(v);
            case GROUP_DESCRIPTION:
                return OakleyGroupId.nameOf(v);
            case LIFE_TYPE:
                return LifeType.nameOf(v);
            default:
                return null;
        }
    }

    private static String ipsecValueName(SaAttribute a) {
        IpsecAttribute t = IpsecAttribute.fromValue(a.type());
        if (t == null || !a.basic()) {
            return null;
        }
        int v = a.value().getU16(0);
        switch (t) {
            case SA_LIFE_TYPE:
                return LifeType.nameOf(v);
            case GROUP_DESCRIPTION:
                return OakleyGroupId.nameOf(v);
            case ENCAPSULATION_MODE:
                return EncapsulationMode.nameOf(v);
            case AUTH_ALGORITHM:
                return AuthAlgorithm.nameOf(v);
            default:
                return null;
        }
    }

    private void notification(NotificationPayload n) {
        field("DOI", Doi.nameOf(n.doi()));
        field("protocol ID", protocolName(n.protocolId()));
        field("SPI size", Integer.toString(n.spi().length()));
        field("Notify Message Type", NotifyType.nameOf(n.notifyType()));
        if (!n.spi().isEmpty()) {
            field("SPI", hex(n.spi()));
        }
        if (!n.data().isEmpty()) {
            field("notification data", n.data().length() <= 16 ? hex(n.data()) : length(n.data()));
        }
    }

    private void delete(DeletePayload d) {
        field("DOI", Doi.nameOf(d.doi()));
        field("protocol ID", protocolName(d.protocolId()));
        field("SPI size", Integer.toString(d.spiSize()));
        field("number of SPIs", Integer.toString(d.spis().size()));
        for (int i = 0; i < d.spis().size() && i < MAX_SPIS; i++) {
            field("SPI", hex(d.spis().get(i)));
        }
        if (d.spis().size() > MAX_SPIS) {
            out.add("|    ... and " + (d.spis().size() - MAX_SPIS) + " more SPIs");
        }
    }

    private static String payloadTitle(Payload p) {
        PayloadType t = PayloadType.fromValue(p.type());
        if (t == null) {
            return "ISAKMP payload of unknown type " + p.type();
        }
        switch (t) {
            case SA:
                return "ISAKMP Security Association Payload";
            case P:
                return "ISAKMP Proposal Payload";
            case T:
                return "ISAKMP Transform Payload";
            case KE:
                return "ISAKMP Key Exchange Payload";
            case ID:
                return "ISAKMP Identification Payload (IPsec DOI)";
            case CERT:
                return "ISAKMP Certificate Payload";
            case CR:
                return "ISAKMP Certificate Request Payload";
            case HASH:
                return "ISAKMP Hash Payload";
            case SIG:
                return "ISAKMP Signature Payload";
            case NONCE:
                return "ISAKMP Nonce Payload";
            case N:
                return "ISAKMP Notification Payload";
            case D:
                return "ISAKMP Delete Payload";
            case VID:
                return "ISAKMP Vendor ID Payload";
            case ATTR:
                return "ISAKMP Mode Attribute";
            case NAT_D:
            case NAT_D_DRAFT:
                return "ISAKMP NAT-D Payload" + (t == PayloadType.NAT_D_DRAFT ? " (draft)" : "");
            case NAT_OA:
            case NAT_OA_DRAFT:
                return "ISAKMP NAT-OA Payload" + (t == PayloadType.NAT_OA_DRAFT ? " (draft)" : "");
            default:
                return "ISAKMP " + t.name() + " Payload (not parsed)";
        }
    }

    private static String identification(IdPayload id) {
        IdType t = IdType.fromValue(id.idType());
        try {
            if (t == IdType.IPV4_ADDR || t == IdType.IPV6_ADDR) {
                return id.address().toString();
            }
            if (t == IdType.IPV4_ADDR_SUBNET || t == IdType.IPV6_ADDR_SUBNET) {
                return id.subnet().toString();
            }
            if ((t == IdType.IPV4_ADDR_RANGE || t == IdType.IPV6_ADDR_RANGE) && id.data().length() == t.addressLength()) {
                int n = id.data().length() / 2;
                return new IpAddress(id.data().slice(0, n)) + "-" + new IpAddress(id.data().slice(n));
            }
        } catch (MalformedMessageException e) {
            return "malformed, " + length(id.data());
        }
        if (t == IdType.FQDN || t == IdType.USER_FQDN) {
            return "\"" + text(id.data()) + "\"";
        }
        return hex(id.data());
    }

    static String nextName(int type) {
        PayloadType t = PayloadType.fromValue(type);
        return t == null ? Integer.toString(type) : "ISAKMP_NEXT_" + t.name();
    }

    static String exchangeName(int type) {
        ExchangeType t = ExchangeType.fromValue(type);
        return t == null ? Integer.toString(type) : "ISAKMP_XCHG_" + t.name();
    }

    static String protocolName(int protocolId) {
        ProtocolId p = ProtocolId.fromValue(protocolId);
        return p == null ? Integer.toString(protocolId) : "PROTO_" + p.name();
    }

    static String transformIdName(int protocolId, int id) {
        ProtocolId p = ProtocolId.fromValue(protocolId);
        if (p == null) {
            return Integer.toString(id);
        }
        switch (p) {
            case ISAKMP:
                return KeyTransformId.nameOf(id);
            case IPSEC_AH:
                return AhTransformId.nameOf(id);
            case IPSEC_ESP:
                return EspTransformId.nameOf(id);
            default:
                return IpcompTransformId.nameOf(id);
        }
    }

    static String flagNames(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"ISAKMP_FLAG_ENCRYPTION", "ISAKMP_FLAG_COMMIT", "ISAKMP_FLAG_AUTH_ONLY"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.length() > 0 ? "+" : "").append(names[i]);
            }
        }
        int rest = flags & ~7;
        if (rest != 0) {
            sb.append(sb.length() > 0 ? "+" : "").append("0x").append(Integer.toHexString(rest));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String length(Bytes b) {
        return b.length() + (b.length() == 1 ? " byte" : " bytes");
    }

    /** Hex, cut after {@value #MAX_HEX} bytes. */
    static String hex(Bytes b) {
        if (b.isEmpty()) {
            return "(empty)";
        }
        if (b.length() <= MAX_HEX) {
            return b.toHex();
        }
        return b.slice(0, MAX_HEX).toHex() + "... (" + b.length() + " bytes)";
    }

    private static String grouped(Bytes b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length(); i++) {
            if (i > 0) {
                sb.append(i % 4 == 0 ? "  " : " ");
            }
            sb.append(String.format("%02x", b.get(i)));
        }
        return sb.toString();
    }

    /** Printable ASCII as is, everything else as \xNN, cut after {@value #MAX_TEXT} characters. */
    static String text(Bytes b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length(); i++) {
            if (sb.length() >= MAX_TEXT) {
                sb.append("...");
                break;
            }
            int c = b.get(i);
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
