package org.jswan.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA keys for the interop tests, made by each side's own tool and converted here, in the test,
 * to the other side's form:
 *
 * <ul>
 *   <li>jswan's key: {@code bin/ipsec rsasigkey NBITS} (FreeS/WAN format), put into ipsec.secrets
 *       as {@code : RSA { ... }}; for charon its {@code Modulus:} and {@code PublicExponent:}
 *       lines become an {@link RSAPublicKeySpec} and a PEM {@code PUBLIC KEY}
 *       (SubjectPublicKeyInfo).
 *   <li>charon's key: {@code pki --gen --type rsa} into swanctl's {@code private/}, its public
 *       half from {@code pki --pub}; for jswan that PEM becomes the RFC 3110 blob (exponent
 *       length, exponent, modulus) in {@code 0s} (base64) form for {@code whack --pubkeyrsa}.
 * </ul>
 *
 * Nothing here uses jswan's own key classes: the conversions are written independently, so a
 * pass means the two implementations agree.
 */
final class RsaKeys {
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    /** FreeS/WAN's key ID (keyblobtoid(3)): this many characters of the blob's base64. */
    static final int KEY_ID_LENGTH = 9;

    private static final Pattern FIELD = Pattern.compile("^\\s*(Modulus|PublicExponent):\\s*0x([0-9a-fA-F]+)\\s*$");
    private static final Pattern PUBKEY_COMMENT = Pattern.compile("^\\s*#pubkey=(0s[A-Za-z0-9+/=]+)\\s*$");

    private RsaKeys() {
    }

    /** A key made by jswan's {@code ipsec rsasigkey}: its output and the public key read from it. */
    record JswanKey(int bits, List<String> output, RSAPublicKey publicKey, String pubkeyComment) {
        /** The ipsec.secrets entry for any of our IDs: {@code : RSA {}, the tool's lines, {@code }}. */
        String secretsEntry() {
            return ": RSA {\n" + String.join("\n", output) + "\n\t}\n";
        }

        /** The public key as charon reads it from {@code pubkey/}: PEM SubjectPublicKeyInfo. */
        String pem() {
            return RsaKeys.pem(publicKey);
        }

        String keyId() {
            return RsaKeys.keyId(publicKey);
        }
    }

    /** A key made by strongSwan's {@code pki}: the private PEM for charon, the public one, parsed. */
    record CharonKey(Path privateFile, String privatePem, String publicPem, RSAPublicKey publicKey) {
        /** What jswan gets: {@code whack --keyid ID --pubkeyrsa 0s...}. */
        String pubkeyRsa() {
            return RsaKeys.pubkeyRsa(publicKey);
        }

        String keyId() {
            return RsaKeys.keyId(publicKey);
        }
    }

    /** Runs {@code bin/ipsec rsasigkey BITS} and reads the public key out of its output. */
    static JswanKey rsasigkey(int bits) {
        Exec.Result r = Exec.run(TOOL_TIMEOUT, Jswan.ipsec().toString(), "rsasigkey", Integer.toString(bits))
                .requireOk();
        return parseRsasigkey(bits, r.out());
    }

    /** The public half of {@code ipsec rsasigkey} output: its Modulus and PublicExponent lines. */
    static JswanKey parseRsasigkey(int bits, List<String> lines) {
        BigInteger n = null;
        BigInteger e = null;
        String comment = null;
        for (String l : lines) {
            Matcher m = FIELD.matcher(l);
            if (m.matches()) {
                BigInteger v = new BigInteger(m.group(2), 16);
                if (m.group(1).equals("Modulus")) {
                    n = v;
                } else {
                    e = v;
                }
            }
            Matcher c = PUBKEY_COMMENT.matcher(l);
            if (c.matches()) {
                comment = c.group(1);
            }
        }
        if (n == null || e == null) {
            throw new AssertionError("no Modulus:/PublicExponent: lines in ipsec rsasigkey's output:\n"
                    + String.join("\n", lines));
        }
        return new JswanKey(bits, List.copyOf(lines), publicKey(n, e), comment);
    }

    /**
     * {@code pki --gen --type rsa --size BITS --outform pem > FILE}, then
     * {@code pki --pub --in FILE --outform pem}. pki's stderr (plugin and TPM warnings) is ignored.
     */
    static CharonKey pki(int bits, Path file) {
        Exec.Result gen = Exec.run(TOOL_TIMEOUT, "pki", "--gen", "--type", "rsa", "--size", Integer.toString(bits),
                "--outform", "pem").requireOk();
        String priv = String.join("\n", gen.out()) + "\n";
        if (!priv.contains("-----BEGIN RSA PRIVATE KEY-----") && !priv.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new AssertionError("pki --gen printed no PEM private key:\n" + gen.describe());
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, priv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Exec.Result pub = Exec.run(TOOL_TIMEOUT, "pki", "--pub", "--in", file.toString(), "--outform", "pem")
                .requireOk();
        String pubPem = String.join("\n", pub.out()) + "\n";
        return new CharonKey(file, priv, pubPem, fromPem(pubPem));
    }

    // --- conversions --------------------------------------------------------------------------

    static RSAPublicKey publicKey(BigInteger n, BigInteger e) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException x) {
            throw new AssertionError("not an RSA public key: " + x, x);
        }
    }

    /** {@code -----BEGIN PUBLIC KEY-----}, base64 of the SubjectPublicKeyInfo, 64 per line. */
    static String pem(RSAPublicKey k) {
        return SwanctlConf.pem("PUBLIC KEY", k.getEncoded());
    }

    /** A PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo, as {@code pki --pub} writes it). */
    static RSAPublicKey fromPem(String pem) {
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new AssertionError("no PEM PUBLIC KEY in:\n" + pem);
        }
        String b64 = pem.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end).replaceAll("\\s+", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException x) {
            throw new AssertionError("not an RSA public key in PEM: " + x + "\n" + pem, x);
        }
    }

    /**
     * The RFC 3110 §2 key (RFC 2537's too): the exponent's length in one byte (or a zero byte and
     * two bytes of length when it is longer than 255 bytes), the exponent, the modulus; all
     * unsigned big-endian without leading zeros.
     */
    static byte[] rfc3110(RSAPublicKey k) {
        byte[] e = unsigned(k.getPublicExponent());
        byte[] n = unsigned(k.getModulus());
        byte[] len = e.length <= 255 ? new byte[] {(byte) e.length}
                : new byte[] {0, (byte) (e.length >> 8), (byte) e.length};
        byte[] out = new byte[len.length + e.length + n.length];
        System.arraycopy(len, 0, out, 0, len.length);
        System.arraycopy(e, 0, out, len.length, e.length);
        System.arraycopy(n, 0, out, len.length + e.length, n.length);
        return out;
    }

    /** The reverse of {@link #rfc3110}. */
    static RSAPublicKey fromRfc3110(byte[] blob) {
        if (blob.length < 3) {
            throw new AssertionError("RFC 3110 key too short: " + blob.length + " bytes");
        }
        int at = 1;
        int elen = blob[0] & 0xff;
        if (elen == 0) {
            elen = (blob[1] & 0xff) << 8 | (blob[2] & 0xff);
            at = 3;
        }
        if (elen == 0 || at + elen >= blob.length) {
            throw new AssertionError("RFC 3110 key: bad exponent length " + elen + " in " + blob.length + " bytes");
        }
        BigInteger e = new BigInteger(1, Arrays.copyOfRange(blob, at, at + elen));
        BigInteger n = new BigInteger(1, Arrays.copyOfRange(blob, at + elen, blob.length));
        return publicKey(n, e);
    }

    /** {@code 0s} + base64 of the RFC 3110 key: FreeS/WAN's text form for {@code --pubkeyrsa}. */
    static String pubkeyRsa(RSAPublicKey k) {
        return "0s" + Base64.getEncoder().encodeToString(rfc3110(k));
    }

    /** Parses a {@code 0s...} (base64) or {@code 0x...} (hex) key text. */
    static RSAPublicKey fromText(String text) {
        if (text.startsWith("0s")) {
            return fromRfc3110(Base64.getDecoder().decode(text.substring(2)));
        }
        if (text.startsWith("0x")) {
            return fromRfc3110(java.util.HexFormat.of().parseHex(text.substring(2).replace("_", "")));
        }
        throw new AssertionError("not a 0s/0x key: " + text);
    }

    /** FreeS/WAN's key ID (keyblobtoid(3)): the first nine base64 characters of the RFC 3110 key. */
    static String keyId(RSAPublicKey k) {
        String b64 = Base64.getEncoder().encodeToString(rfc3110(k));
        return b64.substring(0, Math.min(KEY_ID_LENGTH, b64.length()));
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
