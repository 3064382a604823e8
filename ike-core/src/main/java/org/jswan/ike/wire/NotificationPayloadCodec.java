package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * Notification payload body, RFC 2408 §3.14.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Security Parameter Index (SPI)                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Notification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Structure only: DOI, protocol and SPI size are whatever the peer sent, for the engine to judge
 * (and never to echo blindly, CVE-2023-38710).
 */
public final class NotificationPayloadCodec {
    private NotificationPayloadCodec() {
    }

    public static NotificationPayload decode(WireReader body) throws MalformedMessageException {
        long doi = body.u32("DOI");
        int protocol = body.u8("protocol ID");
        int spiSize = body.u8("SPI size");
        int type = body.u16("notify message type");
        Bytes spi = body.bytes(spiSize, "SPI");
        return new NotificationPayload(doi, protocol, spi, type, body.rest());
    }

    public static void encode(NotificationPayload p, WireWriter w) {
        w.u32(p.doi()).u8(p.protocolId()).u8(p.spi().length()).u16(p.notifyType()).bytes(p.spi()).bytes(p.data());
    }
}
