/**
 * The key tools of the {@code ipsec} front end: {@code ipsec rsasigkey} ({@link
 * org.jswan.tools.RsaSigKey}, generating an RSA signature key in ipsec.secrets form) and {@code
 * ipsec showhostkey} ({@link org.jswan.tools.ShowHostKey}, printing the public half of a key from
 * ipsec.secrets for ipsec.conf or DNS). They read keys through ike-core's ipsec.secrets loader and
 * write them in the RFC 3110 text form pluto and whack read. Manual pages: {@code
 * docs/ipsec_rsasigkey.8}, {@code docs/ipsec_showhostkey.8}.
 */
package org.jswan.tools;
