package org.jswan.ike.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Secret;
import org.jswan.ike.conn.Id;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.engine.Input;

/**
 * The parsed ipsec.secrets: pre-shared keys and RSA private keys with their index ids, immutable.
 * Read it with {@link #load} or a {@link SecretsLoader}; ask it with {@link #findPsk} and
 * {@link #findRsaPrivate}, which follow pluto's {@code get_secret}.
 *
 * <p>Nothing here prints a secret: {@link #describe()} gives places, kinds and ids.
 */
public final class SecretsTable {
    // pluto's get_secret match bits; a higher value is a better match.
    private static final int MATCH_DEFAULT = 1;
    private static final int MATCH_HIM = 2;
    private static final int MATCH_ME = 4;

    private static final SecretsTable EMPTY = new SecretsTable(List.of());

    private final List<SecretEntry> entries;

    private SecretsTable(List<SecretEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static SecretsTable empty() {
        return EMPTY;
    }

    /** A table of these records, in this order. */
    public static SecretsTable of(List<SecretEntry> entries) {
        return entries.isEmpty() ? EMPTY : new SecretsTable(entries);
    }

    /**
     * Reads every file matching the {@code --secretsfile} glob, as pluto does on start-up and on
     * {@code whack --listen} or {@code --rereadsecrets}; see {@link SecretsLoader}.
     */
    public static Input.SecretsLoad load(String pattern, Resolver resolver) {
        return new SecretsLoader(resolver).load(pattern);
    }

    public int size() {
        return entries.size();
    }

    /**
     * The records, in file order, for tools that show keys rather than look them up ({@code ipsec
     * showhostkey}); {@link SecretEntry#toString()} prints no secret.
     */
    public List<SecretEntry> entries() {
        return entries;
    }

    /**
     * This table with every {@code %myid} index replaced by {@code myid} (FreeS/WAN 2.x let
     * {@code %myid} stand in ipsec.secrets too); call again when {@code --myid} changes. The
     * secrets themselves are shared with this table.
     */
    public SecretsTable resolveMyId(Id myid) {
        List<SecretEntry> out = new ArrayList<>(entries.size());
        for (SecretEntry e : entries) {
            List<Id> ids = new ArrayList<>(e.ids().size());
            for (Id id : e.ids()) {
                ids.add(id.resolveMyId(myid));
            }
            out.add(new SecretEntry(ids, e.key(), e.file(), e.line()));
        }
        return of(out);
    }

    /**
     * The pre-shared key for our id {@code us} and the peer's id {@code him}, by pluto's
     * best-match rule: a record with no index is a default; a record whose only index is us is a
     * default for us; a record with us and him among its indices is an explicit match, the best.
     * For a road warrior pass {@link Id#ANY} (or {@link Id#ANY6}) as {@code him}, so that
     * {@code %any} records match. A Main Mode responder must choose the PSK before it can
     * decrypt the peer's ID payload, so it passes the peer's id as configured, which for a
     * connection without {@code --id} is its IP address ({@link Id#ofAddress}), and {@link
     * Id#ANY} for a road-warrior instance (pluto(8), "Road Warrior Support"). Callers resolve
     * {@code %myid} first (see {@link #resolveMyId}).
     */
    public Optional<Secret> findPsk(Id us, Id him) {
        return lookupPsk(us, him).found();
    }

    /** {@link #findPsk} with the diagnostic for two equally good records that disagree. */
    public SecretLookup<Secret> lookupPsk(Id us, Id him) {
        SecretLookup<KeyMaterial> r = lookup("PSK", us, him, false);
        return new SecretLookup<>(r.found().map(k -> ((PreSharedKey) k).secret()), r.diagnostic());
    }

    /** Our RSA private key for our id, whoever the peer is. */
    public Optional<RsaPrivateKey> findRsaPrivate(Id us) {
        return lookupRsaPrivate(us, null).found();
    }

    /** Our RSA private key for this pair of ids (a record naming him as well as us wins). */
    public Optional<RsaPrivateKey> findRsaPrivate(Id us, Id him) {
        return lookupRsaPrivate(us, him).found();
    }

    /**
     * {@link #findRsaPrivate(Id, Id)} with its diagnostic; {@code him} may be null. RSA is
     * asymmetric, so, as in pluto, a record in which only our id appears also counts.
     */
    public SecretLookup<RsaPrivateKey> lookupRsaPrivate(Id us, Id him) {
        SecretLookup<KeyMaterial> r = lookup("RSA", us, him, true);
        return new SecretLookup<>(r.found().map(k -> (RsaPrivateKey) k), r.diagnostic());
    }

    private SecretLookup<KeyMaterial> lookup(String kind, Id us, Id him, boolean asymmetric) {
        int best = 0;
        List<SecretEntry> winners = new ArrayList<>();
        for (SecretEntry e : entries) {
            if (!e.key().kindName().equals(kind)) {
                continue;
            }
            int m = match(e, us, him, asymmetric);
            if (m > best) {
                best = m;
                winners.clear();
                winners.add(e);
            } else if (m != 0 && m == best) {
                winners.add(e);
            }
        }
        if (winners.isEmpty()) {
            return SecretLookup.none();
        }
        KeyMaterial first = winners.get(0).key();
        for (SecretEntry w : winners) {
            if (!w.key().sameKeyAs(first)) {
                // FreeS/WAN: logged this and used one of them anyway; jswan: uses none, because
                // picking by file order silently authenticates with a secret the admin did not mean.
                StringBuilder sb = new StringBuilder(
                        "multiple ipsec.secrets entries with distinct secrets match endpoints:");
                for (SecretEntry x : winners) {
                    sb.append(' ').append(x.where());
                }
                return new SecretLookup<>(Optional.empty(), Optional.of(sb.toString()));
            }
        }
        return new SecretLookup<>(Optional.of(first), Optional.empty());
    }

    private static int match(SecretEntry e, Id us, Id him, boolean asymmetric) {
        if (e.ids().isEmpty()) {
            return MATCH_DEFAULT;
        }
        int m = 0;
        for (Id id : e.ids()) {
            if (id.sameAs(us)) {
                m |= MATCH_ME;
            }
            if (him != null && id.sameAs(him)) {
                m |= MATCH_HIM;
            }
        }
        // Our end matched the only index: a default for any peer, beaten by an explicit match.
        if (m == MATCH_ME && e.ids().size() == 1) {
            m |= MATCH_DEFAULT;
        }
        switch (m) {
            case MATCH_ME:
                return asymmetric ? m : 0;
            case MATCH_ME | MATCH_DEFAULT:
            case MATCH_ME | MATCH_HIM:
                return m;
            default:
                return 0;
        }
    }

    /** One line per record: place, kind and ids (an RSA key also by its public key ID). */
    public List<String> describe() {
        List<String> out = new ArrayList<>(entries.size());
        for (SecretEntry e : entries) {
            out.add(e.toString());
        }
        return out;
    }

    @Override
    public String toString() {
        return "SecretsTable[" + entries.size() + " entries]";
    }
}
