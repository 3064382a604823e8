package org.jswan.ike.wire;

import java.util.Map;

/**
 * ISAKMP payload types (RFC 2408 §3.1 "Next Payload", RFC 3947 §3 NAT-D/NAT-OA, the
 * draft-ietf-ipsec-nat-t-ike-02/03 private numbers still sent by old peers, and the IKEv1
 * fragmentation payload). pluto prints these as {@code ISAKMP_NEXT_<name>}.
 */
public enum PayloadType {
    /** No next payload: the chain ends here. */
    NONE(0),
    /** Security Association (RFC 2408 §3.4). */
    SA(1),
    /** Proposal (RFC 2408 §3.5); only inside an SA payload. */
    P(2),
    /** Transform (RFC 2408 §3.6); only inside a Proposal payload. */
    T(3),
    /** Key Exchange (RFC 2408 §3.7). */
    KE(4),
    /** Identification (RFC 2408 §3.8, RFC 2407 §4.6.2). */
    ID(5),
    /** Certificate (RFC 2408 §3.9). */
    CERT(6),
    /** Certificate Request (RFC 2408 §3.10). */
    CR(7),
    /** Hash (RFC 2408 §3.11). */
    HASH(8),
    /** Signature (RFC 2408 §3.12). */
    SIG(9),
    /** Nonce (RFC 2408 §3.13). */
    NONCE(10),
    /** Notification (RFC 2408 §3.14). */
    N(11),
    /** Delete (RFC 2408 §3.15). */
    D(12),
    /** Vendor ID (RFC 2408 §3.16). */
    VID(13),
    /** Mode-config attributes (draft-ietf-ipsec-isakmp-mode-cfg), used by XAUTH. */
    ATTR(14),
    /** SA KEK (GDOI); once Cisco's NAT-D number. Never treated as NAT-D (CVE-2015-3204). */
    SAK(15),
    /** NAT Discovery (RFC 3947 §3.2). */
    NAT_D(20),
    /** NAT Original Address (RFC 3947 §5.2). */
    NAT_OA(21),
    /** NAT Discovery, draft-ietf-ipsec-nat-t-ike-02/03 private number. */
    NAT_D_DRAFT(130),
    /** NAT Original Address, draft-ietf-ipsec-nat-t-ike-02/03 private number. */
    NAT_OA_DRAFT(131),
    /** IKEv1 fragment (Cisco/Microsoft private payload). */
    FRAG(132);

    private static final Map<Integer, PayloadType> BY_VALUE = Registry.index(values(), PayloadType::value);

    private final int value;

    PayloadType(int value) {
        this.value = value;
    }

    /** The number on the wire. */
    public int value() {
        return value;
    }

    /** The constant for {@code v}, or {@code null} when the registry has no such value. */
    public static PayloadType fromValue(int v) {
        return BY_VALUE.get(v);
    }

    /** The RFC name of {@code v}, or its decimal number when unknown (for logs). */
    public static String nameOf(int v) {
        return Registry.nameOf(fromValue(v), v);
    }
}
