package org.jswan.ike.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.engine.Input;
import org.jswan.ike.text.TextForms;

/** Shared helpers: writing secrets files, a fixed resolver, deterministic RSA keys. */
final class SecretsFiles {
    static final Resolver DNS = Resolver.of(Map.of(
            "east.example", List.of(IpAddress.parse("192.0.2.2")),
            "west.example", List.of(IpAddress.parse("192.0.2.1"), IpAddress.parse("192.0.2.11"))));

    private static final Map<String, RsaPrivateKey> KEYS = new ConcurrentHashMap<>();

    private SecretsFiles() {
    }

    /** An id in ipsec.secrets notation, resolved through {@link #DNS}. */
    static org.jswan.ike.conn.Id id(String text) {
        try {
            return org.jswan.ike.conn.Id.parse(text, DNS);
        } catch (org.jswan.ike.conn.IdParseException e) {
            throw new AssertionError(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, content.getBytes(StandardCharsets.ISO_8859_1));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Input.SecretsLoad load(Path file) {
        return SecretsTable.load(file.toString(), DNS);
    }

    static Input.SecretsLoad load(Path dir, String content) {
        return load(write(dir, "ipsec.secrets", content));
    }

    /** The notes' texts, RC first: {@code "3 \"f\" line 2: ..."}. */
    static List<String> notes(Input.SecretsLoad r) {
        List<String> out = new ArrayList<>();
        for (Input.LogNote n : r.notes()) {
            out.add(n.rc() + " " + n.text());
        }
        return out;
    }

    /** Error notes (RC 3) only. */
    static List<String> errors(Input.SecretsLoad r) {
        List<String> out = new ArrayList<>();
        for (Input.LogNote n : r.notes()) {
            if (n.rc() == 3) {
                out.add(n.text());
            }
        }
        return out;
    }

    /** A deterministic RSA key (seeded SHA1PRNG), cached per size and exponent. */
    static RsaPrivateKey rsaKey(int bits, int e, long seed) {
        return KEYS.computeIfAbsent(bits + "/" + e + "/" + seed, k -> {
            try {
                SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
                rnd.setSeed(seed);
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(e)), rnd);
                return RsaPrivateKey.of((RSAPrivateCrtKey) g.generateKeyPair().getPrivate());
            } catch (java.security.GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    /** The key as ipsec rsasigkey prints it (each line TAB-indented), values in hex or base64. */
    static String rsaBlock(RsaPrivateKey k, char format) {
        StringBuilder sb = new StringBuilder();
        sb.append("\t# RSA ").append(k.bits()).append(" bits   test   Thu Jan  1 00:00:00 1970\n");
        sb.append("\t# for signatures only, UNSAFE FOR ENCRYPTION\n");
        sb.append("\t#pubkey=").append(k.publicKey().toText()).append('\n');
        field(sb, "Modulus", k.n(), format);
        field(sb, "PublicExponent", k.e(), format);
        sb.append("\t# everything after this point is secret\n");
        field(sb, "PrivateExponent", k.d(), format);
        field(sb, "Prime1", k.p(), format);
        field(sb, "Prime2", k.q(), format);
        field(sb, "Exponent1", k.dP(), format);
        field(sb, "Exponent2", k.dQ(), format);
        field(sb, "Coefficient", k.qInv(), format);
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, BigInteger v, char format) {
        sb.append('\t').append(name).append(": ").append(text(v, format)).append('\n');
    }

    static String text(BigInteger v, char format) {
        return TextForms.datatot(RsaPublicKeyBlob.unsigned(v), format);
    }
}
