package org.jswan.ike.secrets;

import java.util.List;
import org.jswan.ike.conn.Id;

/**
 * One record of ipsec.secrets: its indices (none for a default record), its key, and where it
 * came from. {@code toString} names ids, kind and place only.
 */
public record SecretEntry(List<Id> ids, KeyMaterial key, String file, int line) {
    public SecretEntry {
        ids = List.copyOf(ids);
    }

    /** {@code "file" line n}, the place pluto's messages give. */
    public String where() {
        return "\"" + file + "\" line " + line;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(where()).append(": ").append(key.kindName());
        if (key instanceof RsaPrivateKey r) {
            sb.append(' ').append(r.bits()).append(" bits *").append(r.publicKey().keyId());
        }
        if (ids.isEmpty()) {
            sb.append(" (default, no index)");
        } else {
            sb.append(" for");
            for (Id id : ids) {
                sb.append(' ').append(id);
            }
        }
        return sb.toString();
    }
}
