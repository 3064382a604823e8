package org.jswan.ike.wire;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.base.Subnet;

/**
 * An Identification payload (RFC 2408 §3.8) with the IPsec DOI's fields (RFC 2407 §4.6.2).
 *
 * @param idType     {@link IdType} value (unknown types are kept)
 * @param protocolId IP protocol (0 = any, 17 = UDP), RFC 2407 §4.6.2
 * @param port       port (0 = any, 500 for Phase 1 over UDP)
 * @param data       identification data, whose layout the ID type gives
 */
public record IdPayload(int idType, int protocolId, int port, Bytes data) implements Payload {
    public IdPayload {
        Check.u8(idType, "ID type");
        Check.u8(protocolId, "ID protocol");
        Check.u16(port, "ID port");
        Check.bytes(data, "ID data", Check.MAX_BODY - 4);
    }

    @Override
    public int type() {
        return PayloadType.ID.value();
    }

    /** ID_IPV4_ADDR or ID_IPV6_ADDR, protocol and port 0. */
    public static IdPayload ofAddress(IpAddress a) {
        return new IdPayload(a.isV4() ? IdType.IPV4_ADDR.value() : IdType.IPV6_ADDR.value(), 0, 0, a.bytes());
    }

    /** ID_IPV4_ADDR_SUBNET or ID_IPV6_ADDR_SUBNET (RFC 2407 §4.6.2.5): network then mask. */
    public static IdPayload ofSubnet(Subnet s, int protocolId, int port) {
        int t = s.network().isV4() ? IdType.IPV4_ADDR_SUBNET.value() : IdType.IPV6_ADDR_SUBNET.value();
        return new IdPayload(t, protocolId, port, s.network().bytes().concat(s.maskAddress().bytes()));
    }

    /**
     * The address of an ID_IPV4_ADDR or ID_IPV6_ADDR.
     *
     * @throws MalformedMessageException INVALID_ID_INFORMATION for another type or a wrong length
     */
    public IpAddress address() throws MalformedMessageException {
        IdType t = IdType.fromValue(idType);
        if (t != IdType.IPV4_ADDR && t != IdType.IPV6_ADDR) {
            throw invalid("ID type " + IdType.nameOf(idType) + " is not an IP address");
        }
        checkLength(t);
        return new IpAddress(data);
    }

    /**
     * The subnet of an ID_IPV4_ADDR_SUBNET / ID_IPV6_ADDR_SUBNET, or the host subnet of an
     * ID_IPV4_ADDR / ID_IPV6_ADDR, as Quick Mode client IDs use them. Host bits set in the
     * address are cleared, as FreeS/WAN's {@code initsubnet} does.
     *
     * @throws MalformedMessageException INVALID_ID_INFORMATION for another type, a wrong length or
     *         a mask that is not contiguous
     */
    public Subnet subnet() throws MalformedMessageException {
        IdType t = IdType.fromValue(idType);
        if (t == IdType.IPV4_ADDR || t == IdType.IPV6_ADDR) {
            return Subnet.host(address());
        }
        if (t != IdType.IPV4_ADDR_SUBNET && t != IdType.IPV6_ADDR_SUBNET) {
            throw invalid("ID type " + IdType.nameOf(idType) + " is not a subnet");
        }
        checkLength(t);
        int n = data.length() / 2;
        Bytes mask = data.slice(n);
        int bits = 0;
        while (bits < n * 8 && (mask.get(bits / 8) & (0x80 >>> (bits % 8))) != 0) {
            bits++;
        }
        for (int i = bits; i < n * 8; i++) {
            if ((mask.get(i / 8) & (0x80 >>> (i % 8))) != 0) {
                throw invalid("ID " + t.name() + " mask " + new IpAddress(mask) + " is not contiguous");
            }
        }
        return new Subnet(new IpAddress(data.slice(0, n)), bits);
    }

    private void checkLength(IdType t) throws MalformedMessageException {
        if (data.length() != t.addressLength()) {
            throw invalid("ID " + t.name() + " has " + data.length() + " bytes of data; it needs " + t.addressLength());
        }
    }

    private static MalformedMessageException invalid(String detail) {
        return new MalformedMessageException(NotifyType.INVALID_ID_INFORMATION, detail);
    }
}
