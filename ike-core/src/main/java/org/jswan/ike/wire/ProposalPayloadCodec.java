package org.jswan.ike.wire;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;

/**
 * Proposal payload body, RFC 2408 §3.5 (the generic header is read by the SA payload).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                        SPI (variable)                         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * followed by the Transform payloads, chained by their next-payload field (3 = another follows,
 * 0 = last) within the proposal's length. Faults are BAD_PROPOSAL_SYNTAX, except an SPI of the
 * wrong size for its protocol, which is INVALID_SPI.
 */
public final class ProposalPayloadCodec {
    private ProposalPayloadCodec() {
    }

    public static ProposalPayload decode(WireReader body) throws MalformedMessageException {
        int number = body.u8("proposal number");
        int protocol = body.u8("protocol ID");
        int spiSize = body.u8("SPI size");
        int declared = body.u8("# of transforms");
        checkSpiSize(number, protocol, spiSize);
        Bytes spi = body.bytes(spiSize, "SPI");
        // RFC 2408 §3.5: each of the "# of Transforms" is contained in a Transform payload.
        if (declared == 0) {
            throw new MalformedMessageException(NotifyType.BAD_PROPOSAL_SYNTAX,
                    "proposal #" + number + " (" + ProtocolId.nameOf(protocol) + ") has no transforms");
        }
        List<TransformPayload> transforms = new ArrayList<>();
        int next = PayloadType.T.value();
        while (next != PayloadType.NONE.value()) {
            if (next != PayloadType.T.value()) {
                // RFC 2408 §3.6: a transform's Next Payload "MUST only contain the value 3 or 0".
                throw body.error("transform #" + transforms.size() + " of proposal #" + number
                        + " has next payload type " + PayloadType.nameOf(next) + "; only T or NONE may follow a transform");
            }
            if (transforms.size() == declared) {
                throw countMismatch(number, declared, "more than " + declared);
            }
            GenericHeader h = GenericHeader.read(body, "Transform payload", NotifyType.BAD_PROPOSAL_SYNTAX);
            transforms.add(TransformPayloadCodec.decode(h.body()));
            next = h.next();
        }
        if (transforms.size() != declared) {
            throw countMismatch(number, declared, Integer.toString(transforms.size()));
        }
        // RFC 2408 §3.5: the Payload Length covers the proposal and all its transforms exactly.
        body.expectEnd();
        return new ProposalPayload(number, protocol, spi, transforms);
    }

    private static MalformedMessageException countMismatch(int number, int declared, String present) {
        return new MalformedMessageException(NotifyType.BAD_PROPOSAL_SYNTAX, "proposal #" + number + " says it has "
                + declared + (declared == 1 ? " transform" : " transforms") + " but " + present + " are present");
    }

    private static void checkSpiSize(int number, int protocol, int spiSize) throws MalformedMessageException {
        ProtocolId p = ProtocolId.fromValue(protocol);
        if (p == null) {
            return; // unknown protocols are the SPDB's to refuse; the SPI size byte still frames them
        }
        boolean ok;
        String want;
        switch (p) {
            case ISAKMP:
                // RFC 2408 §3.5: for ISAKMP the SPI Size "MAY be from zero (0) to sixteen (16)".
                ok = spiSize <= 16;
                want = "0 to 16";
                break;
            case IPSEC_AH:
            case IPSEC_ESP:
                // RFC 2402 §2.4, RFC 2406 §2.1: AH and ESP SPIs are 32 bits.
                ok = spiSize == 4;
                want = "4";
                break;
            case IPCOMP:
                // RFC 3173 §4.1: the CPI is sent in 2 octets, or in 4 with the CPI in the low-order two.
                ok = spiSize == 2 || spiSize == 4;
                want = "2 or 4";
                break;
            default:
                return;
        }
        if (!ok) {
            throw new MalformedMessageException(NotifyType.INVALID_SPI, "proposal #" + number + " ("
                    + p.name() + ") has an SPI size of " + spiSize + "; it must be " + want);
        }
    }

    public static void encode(ProposalPayload p, WireWriter w) {
        w.u8(p.number()).u8(p.protocolId()).u8(p.spi().length()).u8(p.transforms().size()).bytes(p.spi());
        List<TransformPayload> ts = p.transforms();
        for (int i = 0; i < ts.size(); i++) {
            int start = w.beginPayload(i + 1 < ts.size() ? PayloadType.T.value() : PayloadType.NONE.value());
            TransformPayloadCodec.encode(ts.get(i), w);
            w.endPayload(start);
        }
    }
}
