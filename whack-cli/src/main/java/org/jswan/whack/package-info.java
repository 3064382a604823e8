/**
 * {@code whack}, the control program of pluto: a getopt_long-style parser of FreeS/WAN's
 * intricate command line (long options, unambiguous prefixes, {@code --to} splitting the two
 * ends, {@code --optionsfrom}) into one {@link org.jswan.ike.whack.WhackMessage}, whack's own
 * sanity checks and texts, and the AF_UNIX client that sends the message and turns pluto's
 * numbered reply lines into an exit status. The manual page is {@code docs/whack.8}.
 */
package org.jswan.whack;
