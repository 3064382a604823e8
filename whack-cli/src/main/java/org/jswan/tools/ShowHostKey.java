package org.jswan.tools;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Id;
import org.jswan.ike.conn.IdParseException;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.engine.Input;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.secrets.SecretEntry;
import org.jswan.ike.secrets.SecretsLoader;
import org.jswan.ike.whack.Rc;

/**
 * {@code ipsec showhostkey [--left|--right|--key] [--file F] [--id ID]}: reads ipsec.secrets with
 * pluto's own loader and prints the public half of one RSA key, for ipsec.conf:
 *
 * <pre>
 * 	# RSA 2048 bits   @west.example.com   keyid AwEAAb/0a
 * 	leftrsasigkey=0sAwEAAb/0a3EH…
 * </pre>
 *
 * or, with {@code --key}, as a DNS KEY record ({@code name. IN KEY 0x4200 4 1 AwEAAb…}). The key
 * is the first RSA record one of whose indices is {@code --id}, or without {@code --id} the first
 * RSA record of the file. The file's problems are reported as pluto reports them,
 * {@code "file" line n: problem}; none of them quotes key text.
 */
public final class ShowHostKey {
    static final String PROG = "ipsec showhostkey";
    static final String DEFAULT_FILE = "/etc/ipsec.secrets";

    private static final List<LongOptions.Spec> OPTIONS = List.of(
            new LongOptions.Spec("left", false),
            new LongOptions.Spec("right", false),
            new LongOptions.Spec("key", false),
            new LongOptions.Spec("file", true),
            new LongOptions.Spec("id", true),
            new LongOptions.Spec("help", false),
            new LongOptions.Spec("version", false));

    /** Names in ipsec.secrets and {@code --id} are looked up as pluto looks them up. */
    private static final Resolver SYSTEM_RESOLVER = name -> {
        try {
            List<IpAddress> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(name)) {
                out.add(IpAddress.of(a));
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    };

    private ShowHostKey() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** The whole tool without {@code System.exit}: 0 printed, 1 no key or no file, 2 usage error. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, SYSTEM_RESOLVER, RsaSigKey::systemHostname);
    }

    /** What to print, from the command line. */
    private enum Form { LEFT, RIGHT, KEY }

    private record Request(Form form, String file, Optional<Id> id) {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Resolver resolver, Supplier<String> hostname) {
        Request req;
        try {
            LongOptions.Parsed o = LongOptions.parse(OPTIONS, Arrays.asList(args));
            if (o.has("help")) {
                out.print(usage());
                return 0;
            }
            if (o.has("version")) {
                out.println(PROG + " (jswan " + RsaSigKey.version() + ")");
                return 0;
            }
            req = request(o, resolver);
        } catch (LongOptions.UsageError e) {
            err.println(PROG + ": " + e.getMessage());
            err.println("Usage: " + synopsis());
            return 2;
        }
        Optional<SecretEntry> chosen = select(req, resolver, err);
        if (chosen.isEmpty()) {
            return 1;
        }
        print(req, chosen.get(), hostname, out);
        out.flush();
        return out.checkError() ? 1 : 0;
    }

    private static Request request(LongOptions.Parsed o, Resolver resolver) throws LongOptions.UsageError {
        int forms = (o.has("left") ? 1 : 0) + (o.has("right") ? 1 : 0) + (o.has("key") ? 1 : 0);
        if (forms > 1) {
            throw new LongOptions.UsageError("--left, --right and --key exclude one another");
        }
        if (!o.operands().isEmpty()) {
            throw new LongOptions.UsageError("unexpected argument \"" + o.operands().get(0) + "\"");
        }
        Optional<Id> id = Optional.empty();
        if (o.has("id")) {
            try {
                id = Optional.of(Id.parse(o.get("id", ""), resolver));
            } catch (IdParseException e) {
                throw new LongOptions.UsageError("bad --id: " + e.getMessage());
            }
        }
        Form form = o.has("key") ? Form.KEY : o.has("right") ? Form.RIGHT : Form.LEFT;
        return new Request(form, o.get("file", DEFAULT_FILE), id);
    }

    /**
     * Loads the file (a glob, as pluto's {@code --secretsfile}), reports its problems as pluto
     * logs them, and picks the first RSA record with the wanted index, or the first at all.
     */
    private static Optional<SecretEntry> select(Request req, Resolver resolver, PrintStream err) {
        Input.SecretsLoad load = new SecretsLoader(resolver).load(req.file());
        for (Input.LogNote n : load.notes()) {
            if (n.rc() != Rc.LOG.code()) {
                err.println(PROG + ": " + n.text());
            }
        }
        List<SecretEntry> rsa = new ArrayList<>();
        for (SecretEntry e : load.table().entries()) {
            if (e.key() instanceof RsaPrivateKey && (req.id().isEmpty() || hasIndex(e, req.id().get()))) {
                rsa.add(e);
            }
        }
        if (rsa.isEmpty()) {
            err.println(PROG + ": no RSA key" + req.id().map(id -> " for id " + id).orElse("")
                    + " in \"" + req.file() + "\"");
            return Optional.empty();
        }
        if (rsa.size() > 1) {
            err.println(PROG + ": " + rsa.size() + " RSA keys match; showing the one at " + rsa.get(0).where()
                    + (req.id().isEmpty() ? " (choose with --id)" : ""));
        }
        return Optional.of(rsa.get(0));
    }

    private static void print(Request req, SecretEntry chosen, Supplier<String> hostname, PrintStream out) {
        RsaPublicKey pub = ((RsaPrivateKey) chosen.key()).publicKey();
        String comment = "RSA " + pub.bits() + " bits   " + who(chosen, hostname) + "   keyid " + pub.keyId();
        if (req.form() == Form.KEY) {
            // The KEY record as FreeS/WAN 1.9x's rsasigkey printed it: flags 0x4200, protocol 4
            // (IPsec), algorithm 1 (RSA) — its own gloss: "auth-only host-level".
            out.println("; " + comment);
            out.println(dnsName(req.id(), chosen, hostname) + ".\tIN\tKEY\t0x4200 4 1 " + pub.toText().substring(2));
        } else {
            out.println("\t# " + comment);
            out.println("\t" + (req.form() == Form.RIGHT ? "right" : "left") + "rsasigkey=" + pub.toText());
        }
    }

    private static boolean hasIndex(SecretEntry e, Id id) {
        for (Id i : e.ids()) {
            if (i.sameAs(id)) {
                return true;
            }
        }
        return false;
    }

    /** The record's indices, or this host's name for a record without any (a default key). */
    private static String who(SecretEntry e, Supplier<String> hostname) {
        if (e.ids().isEmpty()) {
            return hostname.get();
        }
        StringBuilder sb = new StringBuilder();
        for (Id id : e.ids()) {
            sb.append(sb.length() == 0 ? "" : " ").append(id);
        }
        return sb.toString();
    }

    /** The owner name of the KEY record: the FQDN of --id or of the record, else the host name. */
    private static String dnsName(Optional<Id> wanted, SecretEntry e, Supplier<String> hostname) {
        List<Id> candidates = new ArrayList<>();
        wanted.ifPresent(candidates::add);
        candidates.addAll(e.ids());
        for (Id id : candidates) {
            if (id.kind() == Id.Kind.FQDN) {
                return id.toString().substring(1);
            }
        }
        return hostname.get();
    }

    static String synopsis() {
        return PROG + " [--left | --right | --key] [--file F] [--id ID]";
    }

    static String usage() {
        return String.join("\n",
                "Usage: " + synopsis(),
                "       " + PROG + " --help | --version",
                "",
                "Prints the public half of an RSA key from ipsec.secrets (default " + DEFAULT_FILE + ").",
                "",
                "  --left       as \"leftrsasigkey=0s...\" for ipsec.conf (the default)",
                "  --right      as \"rightrsasigkey=0s...\"",
                "  --key        as a DNS KEY record (name. IN KEY 0x4200 4 1 ...)",
                "  --file F     read F (a glob, as pluto's --secretsfile) instead",
                "  --id ID      the key of the record with index ID (default: the first RSA key)",
                "") + "\n";
    }
}
