package org.jswan.ike.wire;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;

/**
 * Delete payload body, RFC 2408 §3.15.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-Id  !   SPI Size    !           # of SPIs           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~               Security Parameter Index(es) (SPI)              ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class DeletePayloadCodec {
    private DeletePayloadCodec() {
    }

    public static DeletePayload decode(WireReader body) throws MalformedMessageException {
        long doi = body.u32("DOI");
        int protocol = body.u8("protocol ID");
        int spiSize = body.u8("SPI size");
        int count = body.u16("# of SPIs");
        long expected = (long) spiSize * count;
        // RFC 2408 §3.15: the SPIs fill the payload: # of SPIs × SPI Size bytes, no more, no less.
        if (body.remaining() != expected) {
            throw body.error("Delete payload says it carries " + count + " SPIs of " + spiSize + " bytes ("
                    + expected + " bytes) but has " + body.remaining() + " bytes of SPIs");
        }
        List<Bytes> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spis.add(body.bytes(spiSize, "SPI"));
        }
        return new DeletePayload(doi, protocol, spiSize, spis);
    }

    public static void encode(DeletePayload p, WireWriter w) {
        w.u32(p.doi()).u8(p.protocolId()).u8(p.spiSize()).u16(p.spis().size());
        for (Bytes s : p.spis()) {
            w.bytes(s);
        }
    }
}
