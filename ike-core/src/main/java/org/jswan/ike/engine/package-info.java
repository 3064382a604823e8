/**
 * The sans-IO IKEv1 engine: {@link org.jswan.ike.engine.Engine} takes {@link
 * org.jswan.ike.engine.Input}s stamped with monotonic time and returns {@link
 * org.jswan.ike.engine.Effect}s for the daemon to carry out. It keeps its own timer queue and
 * says when it next wants waking. No sockets, threads or clocks live here.
 */
package org.jswan.ike.engine;
