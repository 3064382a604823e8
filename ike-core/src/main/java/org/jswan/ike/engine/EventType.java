package org.jswan.ike.engine;

/** pluto's timer events (reference §2.4); the names are what {@code whack --status} prints. */
public enum EventType {
    EVENT_NULL,
    EVENT_REINIT_SECRET,
    EVENT_SO_DISCARD,
    EVENT_RETRANSMIT,
    EVENT_SA_REPLACE,
    EVENT_SA_REPLACE_IF_USED,
    EVENT_SA_EXPIRE,
    /** jswan: NAT-T keepalive from the NATed side (RFC 3948 §2.3); a second timer slot. */
    EVENT_NAT_T_KEEPALIVE,
    /** jswan: Dead Peer Detection (RFC 3706): time to send R_U_THERE; its own timer slot. */
    EVENT_DPD,
    /** jswan: no R_U_THERE_ACK came back in time. */
    EVENT_DPD_TIMEOUT
}
