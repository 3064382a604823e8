package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.MonoTime;
import org.jswan.ike.conn.Id;
import org.jswan.ike.secrets.RsaPublicKey;

/**
 * The RSA public keys whack gave us ({@code --keyid ID --pubkeyrsa KEY [--addkey]}), by peer id.
 * Without {@code --addkey} a new key replaces those the id had (FreeS/WAN 2.x).
 */
final class PublicKeys {
    record Entry(Id id, RsaPublicKey key, MonoTime installed) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(Id id, RsaPublicKey key, boolean addKey, MonoTime now) {
        if (!addKey) {
            entries.removeIf(e -> e.id().equals(id));
        }
        entries.removeIf(e -> e.id().equals(id) && e.key().equals(key));
        entries.add(new Entry(id, key, now));
    }

    List<RsaPublicKey> find(Id id) {
        List<RsaPublicKey> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.id().equals(id) || (e.id().kind() == id.kind() && e.id().matches(id) && e.id().kind() != Id.Kind.NONE)) {
                out.add(e.key());
            }
        }
        return out;
    }

    List<Entry> all() {
        return List.copyOf(entries);
    }
}
