/**
 * Pure packet transforms of the userspace KLIPS: ESP (RFC 4303) with 3DES-CBC and AES-CBC and
 * HMAC ICVs, the anti-replay window and sequence counter, AH over IPv4 (RFC 4302), IPComp with
 * DEFLATE (RFC 3173, RFC 2394), UDP encapsulation framing (RFC 3948), and the IPv4 header and
 * selector reading they share. No sockets, threads or clocks; randomness (IVs) is passed in.
 *
 * <p>Packets are {@code byte[]} with offsets, not an immutable byte-string type: on the datapath a
 * buffer belongs to one stage at a time and copying every packet into a value would cost more
 * than the crypto. Keys enter as arrays the caller zeroises; a transform keeps them only inside
 * its JCA key objects.
 */
package org.jswan.klips.esp;
