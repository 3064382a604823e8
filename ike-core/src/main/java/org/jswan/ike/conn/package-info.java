/**
 * Connections and identities: {@link org.jswan.ike.conn.Id} (parsing {@code --id}, printing as
 * pluto does, the Phase 1 ID payload form, matching) and the {@link org.jswan.ike.conn.Resolver}
 * through which the daemon answers the few DNS questions configuration asks.
 */
package org.jswan.ike.conn;
