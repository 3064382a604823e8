/**
 * ipsec.secrets(5): the loader (globbing, includes, pluto's diagnostics without the secrets),
 * the table and pluto's {@code get_secret} best-match lookup, RSA private keys with their
 * consistency checks, and the RFC 3110 public key blob with FreeS/WAN's key IDs.
 */
package org.jswan.ike.secrets;
