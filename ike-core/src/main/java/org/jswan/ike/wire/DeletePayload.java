package org.jswan.ike.wire;

import java.util.List;
import org.jswan.ike.base.Bytes;

/**
 * A Delete payload (RFC 2408 §3.15).
 *
 * @param doi        Domain of Interpretation
 * @param protocolId {@link ProtocolId} value of the SAs deleted
 * @param spiSize    bytes per SPI (16 for ISAKMP, 4 for AH/ESP, 2 for IPCOMP)
 * @param spis       the SPIs, each exactly {@code spiSize} bytes
 */
public record DeletePayload(long doi, int protocolId, int spiSize, List<Bytes> spis) implements Payload {
    public DeletePayload {
        Check.u32(doi, "DOI");
        Check.u8(protocolId, "protocol ID");
        Check.u8(spiSize, "SPI size");
        spis = Check.list(spis, "spis");
        Check.u16(spis.size(), "number of SPIs");
        for (Bytes s : spis) {
            if (s.length() != spiSize) {
                throw new IllegalArgumentException("SPI of " + s.length() + " bytes in a Delete of " + spiSize + "-byte SPIs");
            }
        }
        if ((long) spiSize * spis.size() > Check.MAX_BODY - 8) {
            throw new IllegalArgumentException(spis.size() + " SPIs of " + spiSize + " bytes do not fit one payload");
        }
    }

    @Override
    public int type() {
        return PayloadType.D.value();
    }
}
