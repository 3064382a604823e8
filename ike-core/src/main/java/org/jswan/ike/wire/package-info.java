/**
 * The ISAKMP wire codec (RFC 2408, the IPsec DOI of RFC 2407, IKE's attributes of RFC 2409,
 * NAT traversal of RFC 3947): the header, one immutable record per payload and one small
 * stateless codec per payload type, with the RFC diagram in each codec's Javadoc.
 *
 * <p>Entry points: {@link org.jswan.ike.wire.IsakmpMessage#decode} /
 * {@link org.jswan.ike.wire.IsakmpMessage#encode} for whole messages,
 * {@link org.jswan.ike.wire.PayloadChain} for decrypted bodies, and
 * {@link org.jswan.ike.wire.PayloadDescriber} for pluto's {@code --debug-parsing} dumps.
 *
 * <p>How it reads: every nested structure is read through a
 * {@link org.jswan.ike.wire.WireReader} bounded by its own length field; any fault is a
 * {@link org.jswan.ike.wire.MalformedMessageException} naming the notification (PAYLOAD_MALFORMED
 * for the payload chain, BAD_PROPOSAL_SYNTAX inside an SA, INVALID_SPI, DOI_NOT_SUPPORTED,
 * SITUATION_NOT_SUPPORTED, the version and length notifications for the header). Decoding is
 * canonical: whatever decodes re-encodes to the same bytes.
 *
 * <p>What it does not do: structure is checked here, meaning is not. Unknown payload types,
 * transform ids, attribute classes, ID types and notify types are kept and round-trip; whether
 * a payload is expected, a KE has the group's length, a nonce is 8..256 bytes, an attribute
 * that must be basic came as TLV, or an exchange type is supported is for the engine and SPDB
 * to say. Number registries live in one enum each ({@link org.jswan.ike.wire.PayloadType},
 * {@link org.jswan.ike.wire.NotifyType}, ...), named as the RFCs name them.
 */
package org.jswan.ike.wire;
