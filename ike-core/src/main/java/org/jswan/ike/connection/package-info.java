/**
 * The connection database: potential connections as whack describes them (symmetric left and
 * right ends, oriented to "this" and "that" by our interface addresses), their instances for road
 * warriors, and pluto's defaulting rules for ids, next hops and clients.
 */
package org.jswan.ike.connection;
