package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;

/**
 * A Notification payload (RFC 2408 §3.14).
 *
 * @param doi        Domain of Interpretation (IPsec 1; ISAKMP 0 is seen too)
 * @param protocolId {@link ProtocolId} value the notification is about
 * @param spi        the SPI concerned (for ISAKMP usually empty or the 16-byte cookie pair); the SPI
 *                   Size byte on the wire is implied by its length
 * @param notifyType {@link NotifyType} value (unknown ones are kept)
 * @param data       notification data (e.g. the DPD sequence number, the RESPONDER-LIFETIME attributes)
 */
public record NotificationPayload(long doi, int protocolId, Bytes spi, int notifyType, Bytes data)
        implements Payload {
    public NotificationPayload {
        Check.u32(doi, "DOI");
        Check.u8(protocolId, "protocol ID");
        Check.bytes(spi, "SPI", 0xff);
        Check.u16(notifyType, "notify message type");
        Check.bytes(data, "notification data", Check.MAX_BODY - 8 - spi.length());
    }

    /** A Notification of {@code type} under the IPsec DOI with the given protocol and SPI and no data. */
    public static NotificationPayload of(NotifyType type, ProtocolId protocol, Bytes spi) {
        return new NotificationPayload(Doi.IPSEC, protocol.value(), spi, type.value(), Bytes.EMPTY);
    }

    @Override
    public int type() {
        return PayloadType.N.value();
    }
}
