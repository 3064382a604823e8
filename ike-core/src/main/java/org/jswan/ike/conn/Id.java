package org.jswan.ike.conn;

import org.jswan.ike.base.Bytes;

/**
 * An IKE identity (RFC 2407 §4.6.2.1 ID types), as pluto's {@code struct id}: an IP address, a
 * {@code @FQDN}, a {@code user@FQDN}, the magic {@code %myid}, or none/any.
 *
 * <p>STUB CONTRACT — to be completed by the identities work: parse, print, wire form.
 */
public record Id(Kind kind, Bytes value) {
    public enum Kind {
        /** No identity / %any: matches anything (wildcard). */
        NONE,
        IPV4_ADDR,
        IPV6_ADDR,
        FQDN,
        USER_FQDN,
        /** %myid: stands for whatever {@code --myid} says. */
        MYID
    }
}
