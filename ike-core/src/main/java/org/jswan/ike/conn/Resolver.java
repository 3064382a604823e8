package org.jswan.ike.conn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.text.AddressForms;
import org.jswan.ike.text.TextFormException;

/**
 * Looks a DNS name up. ike-core never does DNS itself: the daemon implements this (with
 * {@code InetAddress}, at configuration time only) and tests use {@link #of(Map)}.
 *
 * <p>{@link #resolve} answers empty (or an empty list) when the name does not resolve. When it
 * gives several addresses, the first is used, as ttoaddr(3) used {@code h_addr}.
 */
@FunctionalInterface
public interface Resolver {
    Optional<List<IpAddress>> resolve(String name);

    /** A resolver that knows no names at all. */
    static Resolver none() {
        return name -> Optional.empty();
    }

    /** A resolver answering from a fixed table (exact, case-insensitive names). */
    static Resolver of(Map<String, List<IpAddress>> table) {
        Map<String, List<IpAddress>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        table.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return name -> Optional.ofNullable(copy.get(name));
    }

    /**
     * ttoaddr(3): a numeric address (any numeric ttoaddr form, {@code %any}, {@code %any6}), or
     * else a DNS name looked up through this resolver.
     *
     * @throws TextFormException when the text is malformed or the name does not resolve
     */
    default IpAddress ttoaddr(String text) throws TextFormException {
        Optional<IpAddress> numeric = AddressForms.numericAddress(text);
        if (numeric.isPresent()) {
            return numeric.get();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 0x80 || Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
            if (!ok) {
                throw new TextFormException("illegal (non-DNS-name) character in name");
            }
        }
        Optional<List<IpAddress>> found = resolve(text);
        if (found.isEmpty() || found.get().isEmpty()) {
            throw new TextFormException("does not look numeric and name lookup failed");
        }
        return found.get().get(0);
    }
}
