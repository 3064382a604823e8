/**
 * Running the updown command (facts §6): {@link org.jswan.updown.UpdownRunner} starts it with its
 * verb and every {@code PLUTO_*} variable in the process environment, never spliced into the
 * command text, and kills it when it overruns its time. Does not depend on ike-core.
 */
package org.jswan.updown;
