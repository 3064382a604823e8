package org.jswan.ike.wire;

import java.util.List;
import org.jswan.ike.base.Bytes;

/**
 * A Security Association payload (RFC 2408 §3.4) under the IPsec DOI (RFC 2407 §4.6.1).
 *
 * @param doi           Domain of Interpretation ({@link Doi#IPSEC}; anything else does not decode)
 * @param situation     the 4-byte IPsec DOI situation bitmask ({@link Doi#SIT_IDENTITY_ONLY})
 * @param situationData labelled-secrecy/integrity data following the situation; always empty when
 *                      decoded, since SIT_SECRECY and SIT_INTEGRITY are refused (kept so the
 *                      record describes the whole RFC 2407 §4.6.1 layout)
 * @param proposals     the proposals in wire order
 */
public record SaPayload(long doi, long situation, Bytes situationData, List<ProposalPayload> proposals)
        implements Payload {
    public SaPayload {
        Check.u32(doi, "DOI");
        Check.u32(situation, "situation");
        Check.bytes(situationData, "situation data", Check.MAX_BODY);
        proposals = Check.list(proposals, "proposals");
    }

    /** An IPsec DOI, SIT_IDENTITY_ONLY SA payload: what pluto always sends. */
    public static SaPayload ipsec(List<ProposalPayload> proposals) {
        return new SaPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY, Bytes.EMPTY, proposals);
    }

    @Override
    public int type() {
        return PayloadType.SA.value();
    }
}
