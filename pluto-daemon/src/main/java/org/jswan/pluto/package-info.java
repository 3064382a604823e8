/**
 * pluto, the daemon: the thin I/O shell around the sans-IO engine. It parses pluto(8)'s options,
 * takes the lock file, opens the control socket, becomes a daemon, and then runs one event loop
 * that reads the whack control socket and the IKE UDP sockets, feeds what it reads to the engine
 * stamped with monotonic time, and carries out the engine's effects: datagrams, whack reply
 * lines, log records, crypto jobs on a small pool, kernel requests, exit.
 *
 * <p>No protocol logic lives here: what to answer, when to retransmit, what to install is the
 * engine's business.
 */
package org.jswan.pluto;
