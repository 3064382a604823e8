package org.jswan.ike.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jswan.ike.base.Bytes;

/**
 * The chain of payloads after the ISAKMP header (RFC 2408 §3.1, §3.2): each payload's generic
 * header names the type of the next one, the header's Next Payload names the first, and 0 ends
 * the chain. Each payload is read through a reader bounded by its own length and handed to its
 * codec.
 *
 * <p>Decoding is canonical: anything accepted re-encodes with {@link #encode} to exactly the bytes
 * received (reserved fields must be zero, chains must end where their lengths say). So the
 * engine may take {@link #encodeBody(Payload)} of a received SA or ID payload as the SAi_b /
 * IDii_b of RFC 2409 §5.
 */
public final class PayloadChain {
    /**
     * At most this many payloads are decoded from one message; more is PAYLOAD_MALFORMED. A Main
     * Mode message carries at most about a dozen; the bound keeps the work per datagram small.
     */
    public static final int MAX_PAYLOADS = 64;

    private PayloadChain() {
    }

    /**
     * Decodes the chain starting with a payload of {@code firstPayloadType} (0 = none).
     *
     * @param body                 the bytes after the ISAKMP header (cleartext, or decrypted)
     * @param allowTrailingPadding true for a decrypted body, where RFC 2409 §5.3 padding may follow
     *                             the last payload; false for cleartext, where it is an error
     * @throws MalformedMessageException PAYLOAD_MALFORMED for framing faults, or what a payload's
     *         codec says (BAD_PROPOSAL_SYNTAX, INVALID_SPI, DOI_NOT_SUPPORTED, ...)
     * @throws IllegalArgumentException when {@code firstPayloadType} is not 0..255 (a caller bug:
     *         it comes from a header byte)
     */
    public static List<Payload> decode(int firstPayloadType, Bytes body, boolean allowTrailingPadding)
            throws MalformedMessageException {
        Objects.requireNonNull(body, "body");
        if (firstPayloadType < 0 || firstPayloadType > 0xff) {
            throw new IllegalArgumentException("first payload type " + firstPayloadType + " is not a byte");
        }
        WireReader r = WireReader.of(body, "message", NotifyType.PAYLOAD_MALFORMED);
        List<Payload> out = new ArrayList<>();
        int type = firstPayloadType;
        while (type != PayloadType.NONE.value()) {
            if (out.size() == MAX_PAYLOADS) {
                throw new MalformedMessageException(NotifyType.PAYLOAD_MALFORMED,
                        "more than " + MAX_PAYLOADS + " payloads in message; ignored");
            }
            GenericHeader h = GenericHeader.read(r, label(type), NotifyType.PAYLOAD_MALFORMED);
            out.add(decodeBody(type, h.body()));
            h.body().expectEnd();
            type = h.next();
        }
        // RFC 2408 §3.1: the header's Length covers the payloads exactly; only a decrypted
        // body may carry padding after the last one (RFC 2409 §5.3).
        if (r.hasRemaining() && !allowTrailingPadding) {
            int n = r.remaining();
            throw new MalformedMessageException(NotifyType.PAYLOAD_MALFORMED, "message has " + n
                    + (n == 1 ? " byte" : " bytes") + " left over after its last payload"
                    + (out.isEmpty() ? " (next payload type is ISAKMP_NEXT_NONE)" : ""));
        }
        return out;
    }

    /** Encodes {@code payloads} with their generic headers, next-payload fields and lengths filled in. */
    public static Bytes encode(List<? extends Payload> payloads) {
        WireWriter w = new WireWriter();
        encode(payloads, w);
        return w.toBytes();
    }

    /** Appends the encoded chain to {@code w}. */
    public static void encode(List<? extends Payload> payloads, WireWriter w) {
        for (int i = 0; i < payloads.size(); i++) {
            int next = i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE.value();
            int start = w.beginPayload(next);
            encodeBody(payloads.get(i), w);
            w.endPayload(start);
        }
    }

    /** The type of the first payload, or 0 (NONE) for an empty chain: the header's Next Payload. */
    public static int firstType(List<? extends Payload> payloads) {
        return payloads.isEmpty() ? PayloadType.NONE.value() : payloads.get(0).type();
    }

    /**
     * One payload's body, without the generic header: the "_b" of RFC 2409 §5 ("SAi_b is the
     * entire body of the SA payload (minus the ISAKMP generic header)").
     */
    public static Bytes encodeBody(Payload p) {
        WireWriter w = new WireWriter();
        encodeBody(p, w);
        return w.toBytes();
    }

    static Payload decodeBody(int type, WireReader body) throws MalformedMessageException {
        PayloadType t = PayloadType.fromValue(type);
        if (t == null) {
            return UnknownPayloadCodec.decode(type, body);
        }
        switch (t) {
            case SA:
                return SaPayloadCodec.decode(body);
            case P:
                return ProposalPayloadCodec.decode(body);
            case T:
                return TransformPayloadCodec.decode(body);
            case KE:
                return KePayloadCodec.decode(body);
            case ID:
                return IdPayloadCodec.decode(body);
            case CERT:
                return CertPayloadCodec.decode(body);
            case CR:
                return CertReqPayloadCodec.decode(body);
            case HASH:
                return HashPayloadCodec.decode(body);
            case SIG:
                return SigPayloadCodec.decode(body);
            case NONCE:
                return NoncePayloadCodec.decode(body);
            case N:
                return NotificationPayloadCodec.decode(body);
            case D:
                return DeletePayloadCodec.decode(body);
            case VID:
                return VendorIdPayloadCodec.decode(body);
            case ATTR:
                return AttrPayloadCodec.decode(body);
            case NAT_D:
            case NAT_D_DRAFT:
                return NatDPayloadCodec.decode(type, body);
            case NAT_OA:
            case NAT_OA_DRAFT:
                return NatOaPayloadCodec.decode(type, body);
            default:
                // SAK (15, never aliased to NAT-D: CVE-2015-3204), FRAG (132), NONE cannot occur
                return UnknownPayloadCodec.decode(type, body);
        }
    }

    static void encodeBody(Payload p, WireWriter w) {
        if (p instanceof SaPayload sa) {
            SaPayloadCodec.encode(sa, w);
        } else if (p instanceof ProposalPayload pp) {
            ProposalPayloadCodec.encode(pp, w);
        } else if (p instanceof TransformPayload t) {
            TransformPayloadCodec.encode(t, w);
        } else if (p instanceof KePayload ke) {
            KePayloadCodec.encode(ke, w);
        } else if (p instanceof IdPayload id) {
            IdPayloadCodec.encode(id, w);
        } else if (p instanceof CertPayload c) {
            CertPayloadCodec.encode(c, w);
        } else if (p instanceof CertReqPayload cr) {
            CertReqPayloadCodec.encode(cr, w);
        } else if (p instanceof HashPayload h) {
            HashPayloadCodec.encode(h, w);
        } else if (p instanceof SigPayload s) {
            SigPayloadCodec.encode(s, w);
        } else if (p instanceof NoncePayload n) {
            NoncePayloadCodec.encode(n, w);
        } else if (p instanceof NotificationPayload n) {
            NotificationPayloadCodec.encode(n, w);
        } else if (p instanceof DeletePayload d) {
            DeletePayloadCodec.encode(d, w);
        } else if (p instanceof VendorIdPayload v) {
            VendorIdPayloadCodec.encode(v, w);
        } else if (p instanceof AttrPayload a) {
            AttrPayloadCodec.encode(a, w);
        } else if (p instanceof NatDPayload n) {
            NatDPayloadCodec.encode(n, w);
        } else if (p instanceof NatOaPayload n) {
            NatOaPayloadCodec.encode(n, w);
        } else if (p instanceof UnknownPayload u) {
            UnknownPayloadCodec.encode(u, w);
        } else {
            throw new IllegalArgumentException("no codec for " + Objects.requireNonNull(p, "payload").getClass());
        }
    }

    /** How diagnostics call a payload of {@code type}: "SA payload", "payload of type 99". */
    static String label(int type) {
        PayloadType t = PayloadType.fromValue(type);
        if (t == null) {
            return "payload of type " + type;
        }
        switch (t) {
            case SA:
                return "SA payload";
            case P:
                return "Proposal payload";
            case T:
                return "Transform payload";
            case N:
                return "Notification payload";
            case D:
                return "Delete payload";
            case VID:
                return "Vendor ID payload";
            case ATTR:
                return "mode-config Attribute payload";
            case NAT_D:
                return "NAT-D payload";
            case NAT_OA:
                return "NAT-OA payload";
            case NAT_D_DRAFT:
                return "NAT-D (draft) payload";
            case NAT_OA_DRAFT:
                return "NAT-OA (draft) payload";
            case NONCE:
                return "Nonce payload";
            default:
                return t.name() + " payload";
        }
    }
}
