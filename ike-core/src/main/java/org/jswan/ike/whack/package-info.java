/**
 * The whack ⇄ pluto control protocol: the request ({@link org.jswan.ike.whack.WhackMessage},
 * mirroring FreeS/WAN 2.0x's {@code struct whack_message}), its one binary codec used by both
 * sides, the reply codes ({@link org.jswan.ike.whack.Rc}), and the policy and debug bit sets the
 * message carries. The byte layout is documented in {@code docs/whack-message.md}.
 */
package org.jswan.ike.whack;
