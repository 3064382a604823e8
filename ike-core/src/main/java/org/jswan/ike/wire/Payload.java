package org.jswan.ike.wire;

/**
 * One decoded ISAKMP payload: an immutable record per payload type, each with one stateless
 * codec ({@code SaPayloadCodec}, {@code KePayloadCodec}, ...). The generic payload header (next
 * payload, RESERVED, length) is not part of the record: {@link PayloadChain} fills it in.
 */
public sealed interface Payload permits SaPayload, ProposalPayload, TransformPayload, KePayload, IdPayload,
        CertPayload, CertReqPayload, HashPayload, SigPayload, NoncePayload, NotificationPayload, DeletePayload,
        VendorIdPayload, AttrPayload, NatDPayload, NatOaPayload, UnknownPayload {
    /** The payload type number on the wire (RFC 2408 §3.1, {@link PayloadType}). */
    int type();
}
