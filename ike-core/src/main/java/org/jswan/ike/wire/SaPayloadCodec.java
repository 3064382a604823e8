package org.jswan.ike.wire;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;

/**
 * Security Association payload body, RFC 2408 §3.4 with the IPsec DOI situation of RFC 2407
 * §4.6.1.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (IPsec DOI = 1)        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                       Situation (4 octets)                    !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * followed by Proposal payloads chained by their next-payload field (2 = another follows, 0 =
 * last), which the SA payload's length bounds exactly.
 *
 * <p>Faults: a short fixed part is PAYLOAD_MALFORMED; a DOI other than IPsec is
 * DOI_NOT_SUPPORTED; situation bits other than SIT_IDENTITY_ONLY are SITUATION_NOT_SUPPORTED;
 * anything wrong with the proposals, transforms or attributes is BAD_PROPOSAL_SYNTAX.
 */
public final class SaPayloadCodec {
    private SaPayloadCodec() {
    }

    public static SaPayload decode(WireReader body) throws MalformedMessageException {
        long doi = body.u32("DOI");
        // RFC 2408 §3.4 / RFC 2407 §4.6.1: only the IPsec DOI is spoken (as by FreeS/WAN).
        if (doi != Doi.IPSEC) {
            throw new MalformedMessageException(NotifyType.DOI_NOT_SUPPORTED,
                    "SA payload DOI " + Doi.nameOf(doi) + " is not supported (only ISAKMP_DOI_IPSEC)");
        }
        long situation = body.u32("situation");
        // RFC 2407 §4.2: SIT_SECRECY and SIT_INTEGRITY add labelled-domain data jswan does not speak;
        // other bits are undefined, and may add data we cannot frame.
        if ((situation & ~(long) Doi.SIT_IDENTITY_ONLY) != 0) {
            throw new MalformedMessageException(NotifyType.SITUATION_NOT_SUPPORTED,
                    "unsupported IPsec DOI situation (" + Doi.situationName(situation) + ")");
        }
        WireReader proposals = body.sub(body.remaining(), 0, "SA payload", NotifyType.BAD_PROPOSAL_SYNTAX);
        if (!proposals.hasRemaining()) {
            throw proposals.error("SA payload has no Proposal payload");
        }
        List<ProposalPayload> out = new ArrayList<>();
        int next = PayloadType.P.value();
        while (next != PayloadType.NONE.value()) {
            if (next != PayloadType.P.value()) {
                // RFC 2408 §3.5: a proposal's Next Payload "MUST only contain the value 2 or 0".
                throw proposals.error("Proposal payload " + (out.size() + 1) + " of the SA has next payload type "
                        + PayloadType.nameOf(next) + "; only P or NONE may follow a proposal");
            }
            GenericHeader h = GenericHeader.read(proposals, "Proposal payload", NotifyType.BAD_PROPOSAL_SYNTAX);
            out.add(ProposalPayloadCodec.decode(h.body()));
            next = h.next();
        }
        // RFC 2408 §3.4: the SA Payload Length covers the situation and all proposals exactly.
        proposals.expectEnd();
        return new SaPayload(doi, situation, Bytes.EMPTY, out);
    }

    public static void encode(SaPayload sa, WireWriter w) {
        w.u32(sa.doi()).u32(sa.situation()).bytes(sa.situationData());
        List<ProposalPayload> ps = sa.proposals();
        for (int i = 0; i < ps.size(); i++) {
            int start = w.beginPayload(i + 1 < ps.size() ? PayloadType.P.value() : PayloadType.NONE.value());
            ProposalPayloadCodec.encode(ps.get(i), w);
            w.endPayload(start);
        }
    }
}
