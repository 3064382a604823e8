package org.jswan.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKeyBlob;

/**
 * {@code ipsec rsasigkey [--verbose] [--random FILE] [--rounds N] [--hostname H] [--noopt] NBITS}:
 * generates an RSA key for pluto's RSA signature authentication and prints it in FreeS/WAN's
 * form, every line TAB-indented so that it can go inside {@code : RSA { … }} in ipsec.secrets:
 *
 * <pre>
 * 	# RSA 2048 bits   west.example.com   Mon Dec  1 07:46:00 2025
 * 	# for signatures only, UNSAFE FOR ENCRYPTION
 * 	#pubkey=0sAwEAAb…
 * 	Modulus: 0x…
 * 	PublicExponent: 0x010001
 * 	# everything after this point is secret
 * 	PrivateExponent: 0x…
 * 	Prime1: 0x…          (the larger prime)
 * 	Prime2: 0x…
 * 	Exponent1: 0x…       (d mod (Prime1 - 1))
 * 	Exponent2: 0x…       (d mod (Prime2 - 1))
 * 	Coefficient: 0x…     (Prime2⁻¹ mod Prime1)
 * </pre>
 *
 * FreeS/WAN: public exponent always 3, NBITS up to 20000, {@code /dev/random}, and (1.9x) an
 * {@code #IN KEY} line; jswan: exponent 65537, NBITS 512 to 8192 (the most pluto loads and whack's
 * {@code --pubkeyrsa} carries), the JDK's SecureRandom, and 2.x's lines only.
 */
public final class RsaSigKey {
    static final String PROG = "ipsec rsasigkey";
    static final int MIN_BITS = RsaPublicKeyBlob.MIN_MODULUS_BITS;
    static final int MAX_BITS = RsaPublicKeyBlob.MAX_MODULUS_BITS;
    static final int DEFAULT_ROUNDS = 30;
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private static final List<LongOptions.Spec> OPTIONS = List.of(
            new LongOptions.Spec("verbose", false),
            new LongOptions.Spec("random", true),
            new LongOptions.Spec("rounds", true),
            new LongOptions.Spec("hostname", true),
            new LongOptions.Spec("noopt", false),
            new LongOptions.Spec("help", false),
            new LongOptions.Spec("version", false));

    /** What the tool takes from its surroundings; tests supply their own. */
    record Environment(Supplier<ZonedDateTime> clock, Supplier<String> hostname, Supplier<Entropy> defaultEntropy) {
        static Environment system() {
            return new Environment(ZonedDateTime::now, RsaSigKey::systemHostname, Entropy::secureRandom);
        }
    }

    private RsaSigKey() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** The whole tool without {@code System.exit}: 0 done, 1 failure, 2 usage error. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Environment.system());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Environment env) {
        LongOptions.Parsed o;
        int nbits;
        int rounds;
        try {
            o = LongOptions.parse(OPTIONS, Arrays.asList(args));
            if (o.has("help")) {
                out.print(usage());
                return 0;
            }
            if (o.has("version")) {
                out.println(PROG + " (jswan " + version() + ")");
                return 0;
            }
            if (o.operands().size() != 1) {
                throw new LongOptions.UsageError(o.operands().isEmpty()
                        ? "the key size in bits is required" : "only one key size may be given");
            }
            nbits = number(o.operands().get(0), "key size");
            rounds = number(o.get("rounds", String.valueOf(DEFAULT_ROUNDS)), "--rounds");
            checkBits(nbits);
            if (rounds < 1 || rounds > 1000) {
                throw new LongOptions.UsageError("--rounds must be between 1 and 1000");
            }
        } catch (LongOptions.UsageError e) {
            err.println(PROG + ": " + e.getMessage());
            err.print("Usage: " + synopsis() + "\n");
            return 2;
        }
        boolean verbose = o.has("verbose");
        Consumer<String> progress = verbose ? line -> err.println(PROG + ": " + line) : line -> { };
        try (Entropy entropy = o.has("random") ? Entropy.file(Path.of(o.get("random", ""))) : env.defaultEntropy().get()) {
            RsaPrivateKey key = new RsaKeyGenerator(entropy, rounds, o.has("noopt"), progress).generate(nbits);
            progress.accept("output...");
            out.print(format(key, o.has("hostname") ? o.get("hostname", "") : env.hostname().get(), env.clock().get()));
            out.flush();
            return out.checkError() ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            err.println(PROG + ": " + describe(e));
            return 1;
        }
    }

    /** Key sizes jswan generates: a multiple of 16 bits, from 512 to 8192. */
    static void checkBits(int nbits) throws LongOptions.UsageError {
        if (nbits % 16 != 0) {
            throw new LongOptions.UsageError("key size " + nbits + " is not a multiple of 16");
        }
        if (nbits < MIN_BITS || nbits > MAX_BITS) {
            // FreeS/WAN: up to 20000; jswan: 8192, because pluto refuses larger moduli and whack's
            // key buffer (1024 + 4 octets) cannot carry them.
            throw new LongOptions.UsageError("key size " + nbits + " is out of range ("
                    + MIN_BITS + " to " + MAX_BITS + " bits)");
        }
    }

    /** The key in FreeS/WAN's rsasigkey form, each line TAB-indented. */
    static String format(RsaPrivateKey key, String hostname, ZonedDateTime when) {
        StringBuilder sb = new StringBuilder();
        // ctime(3) format; three spaces between the fields, as FreeS/WAN printed them.
        sb.append("\t# RSA ").append(key.bits()).append(" bits   ").append(hostname).append("   ")
                .append(CTIME.format(when)).append('\n');
        sb.append("\t# for signatures only, UNSAFE FOR ENCRYPTION\n");
        sb.append("\t#pubkey=").append(key.publicKey().toText()).append('\n');
        field(sb, "Modulus", key.n());
        field(sb, "PublicExponent", key.e());
        sb.append("\t# everything after this point is secret\n");
        field(sb, "PrivateExponent", key.d());
        field(sb, "Prime1", key.p());
        field(sb, "Prime2", key.q());
        field(sb, "Exponent1", key.dP());
        field(sb, "Exponent2", key.dQ());
        field(sb, "Coefficient", key.qInv());
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, BigInteger v) {
        String hex = v.toString(16);
        sb.append('\t').append(name).append(": 0x").append(hex.length() % 2 == 0 ? "" : "0").append(hex).append('\n');
    }

    static String synopsis() {
        return PROG + " [--verbose] [--random FILE] [--rounds N] [--hostname H] [--noopt] NBITS";
    }

    static String usage() {
        return String.join("\n",
                "Usage: " + synopsis(),
                "       " + PROG + " --help | --version",
                "",
                "Generates an RSA key of NBITS bits (a multiple of 16, " + MIN_BITS + " to " + MAX_BITS + ")",
                "for RSA signature authentication and prints it, TAB-indented, for use inside",
                "\": RSA { ... }\" in ipsec.secrets. The public key is also printed as \"#pubkey=0s...\"",
                "for leftrsasigkey= / rightrsasigkey= or whack --pubkeyrsa.",
                "",
                "  --verbose      report progress on standard error",
                "  --random FILE  take the random bits from FILE (default: the JDK's SecureRandom)",
                "  --rounds N     Miller-Rabin rounds per prime on top of the JDK's test (default "
                        + DEFAULT_ROUNDS + ")",
                "  --hostname H   the host name for the comment line (default: this host's name)",
                "  --noopt        compute d mod (p-1)(q-1) rather than mod lcm(p-1, q-1)",
                "",
                "The public exponent is 65537. FreeS/WAN's rsasigkey always used 3; jswan does not,",
                "because exponent 3 makes the PKCS#1 v1.5 signature forgeries practical against any",
                "verifier that parses leniently. pluto still loads and verifies exponent-3 keys.",
                "") + "\n";
    }

    private static int number(String text, String what) throws LongOptions.UsageError {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new LongOptions.UsageError(what + " \"" + text + "\" is not a decimal number");
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "cannot open \"" + e.getMessage() + "\": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "cannot open \"" + e.getMessage() + "\": permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** gethostname(2): the kernel's host name, else the JDK's idea of it. */
    static String systemHostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** jswan's version, as the build filtered it into whack's resources. */
    static String version() {
        try (InputStream in = RsaSigKey.class.getResourceAsStream("/org/jswan/whack/whack-version.txt")) {
            if (in != null) {
                String v = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
