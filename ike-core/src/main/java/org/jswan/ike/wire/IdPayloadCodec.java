package org.jswan.ike.wire;

/**
 * Identification payload body, RFC 2408 §3.8 with the IPsec DOI's "DOI Specific ID Data" of
 * RFC 2407 §4.6.2.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Next Payload !   RESERVED    !        Payload Length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !   ID Type     !  Protocol ID  !             Port              !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Identification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Only the frame is checked here; whether the data fits the type is checked by
 * {@link IdPayload#address()} / {@link IdPayload#subnet()} and the engine (INVALID_ID_INFORMATION).
 */
public final class IdPayloadCodec {
    private IdPayloadCodec() {
    }

    public static IdPayload decode(WireReader body) throws MalformedMessageException {
        int idType = body.u8("ID type");
        int protocol = body.u8("protocol ID");
        int port = body.u16("port");
        return new IdPayload(idType, protocol, port, body.rest());
    }

    public static void encode(IdPayload p, WireWriter w) {
        w.u8(p.idType()).u8(p.protocolId()).u16(p.port()).bytes(p.data());
    }
}
