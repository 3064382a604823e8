package org.jswan.ike.wire;

import java.util.List;
import org.jswan.ike.base.Bytes;

/**
 * A Proposal payload (RFC 2408 §3.5) of an SA payload. Proposals with the same number form one
 * AND-ed offer (e.g. AH and ESP together); different numbers are alternatives.
 *
 * @param number     proposal number, 0..255
 * @param protocolId {@link ProtocolId} value
 * @param spi        the SPI (0..16 bytes for ISAKMP, 4 for AH/ESP, 2 or 4 for IPCOMP); its size
 *                   byte on the wire is implied by its length
 * @param transforms the transforms in wire order; their count is the "# of Transforms" field
 */
public record ProposalPayload(int number, int protocolId, Bytes spi, List<TransformPayload> transforms)
        implements Payload {
    public ProposalPayload {
        Check.u8(number, "proposal number");
        Check.u8(protocolId, "protocol ID");
        Check.bytes(spi, "SPI", 0xff);
        transforms = Check.list(transforms, "transforms");
        if (transforms.size() > 0xff) {
            throw new IllegalArgumentException(transforms.size() + " transforms do not fit the 1-byte count");
        }
    }

    @Override
    public int type() {
        return PayloadType.P.value();
    }
}
