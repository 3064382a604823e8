/**
 * The security policy database: what we propose in Main Mode and Quick Mode (FreeS/WAN's
 * catalogue, then AES, SHA2 and MODP2048, strongest first) and how a responder picks from what
 * a peer offers, following ISAKMP's or/and/or structure: proposals with different numbers are
 * alternatives, proposals sharing a number must all be accepted together (AH and ESP), and the
 * transforms inside one proposal are alternatives. Every refused transform is logged with the
 * reason; when nothing fits, one summary line says what was received and what is configured.
 */
package org.jswan.ike.spdb;
