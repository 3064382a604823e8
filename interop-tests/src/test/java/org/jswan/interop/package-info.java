/**
 * jswan's interop harness and suite: strongSwan's charon as a real, independent IKEv1 peer.
 *
 * <p>Every test builds its own world: two network namespaces ({@link org.jswan.interop.Testbed})
 * joined by a veth on 192.0.2.0/24, with the client subnets 198.51.100.0/24 (left, jswan's side)
 * and 203.0.113.0/24 (right, charon's side) on loopback aliases. charon
 * ({@link org.jswan.interop.Charon}) and jswan's pluto ({@link org.jswan.interop.Jswan}) run inside
 * them as separate processes; {@link org.jswan.interop.Tshark} captures the veth and checks that
 * every packet decodes cleanly. Nothing touches the host's own network, and everything started
 * is stopped by PID (after checking the PID is still ours) even when a test fails.
 *
 * <p>The helpers are test code and live here, next to the {@code *IT} classes that failsafe runs
 * in the {@code integration-test} phase; the {@code *Test} classes are plain unit tests of the
 * parsers and config writers and need neither root nor strongSwan. See {@code docs/interop.md}.
 */
package org.jswan.interop;
