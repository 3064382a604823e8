package org.jswan.ike.secrets;

import static org.jswan.ike.secrets.SecretsFiles.errors;
import static org.jswan.ike.secrets.SecretsFiles.rsaBlock;
import static org.jswan.ike.secrets.SecretsFiles.rsaKey;
import static org.jswan.ike.secrets.SecretsFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jswan.ike.conn.Id;
import org.jswan.ike.engine.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RSA private key blocks in ipsec.secrets: good ones in both notations, and every kind of bad one. */
class RsaSecretsTest {
    @TempDir
    Path dir;

    private Input.SecretsLoad load(String content) {
        return SecretsFiles.load(dir, content);
    }

    private String where(int line) {
        return "\"" + dir.resolve("ipsec.secrets") + "\" line " + line + ": ";
    }

    @Test
    void generatedKeyInFreeswanFormatLoads() {
        RsaPrivateKey k = rsaKey(2048, 3, 11);
        for (char format : new char[] {'x', 's', 'h'}) {
            Input.SecretsLoad r = load("@east.example: RSA {\n" + rsaBlock(k, format) + "\t}\n");
            assertEquals(List.of(), errors(r), "format " + format);
            RsaPrivateKey got = r.table().findRsaPrivate(Id.fqdn("east.example")).orElseThrow();
            assertEquals(k, got);
            // blob 0x01 0x03 then a modulus with its top bit set: "AQO" or "AQP" (keyblobtoid(3))
            assertTrue(got.publicKey().keyId().matches("AQ[OP].{6}"), got.publicKey().keyId());
        }
    }

    @Test
    void jcaDefaultExponentAndLowerCaseKeywordsAndNoColons() {
        RsaPrivateKey k = rsaKey(1024, 65537, 12);
        String block = rsaBlock(k, 'x').replace(": ", " ").replace("Modulus", "modulus").replace("Prime1", "PRIME1");
        Input.SecretsLoad r = load("192.0.2.1 : rsa {\n" + block + "    }\n@x @y : PSK \"after\"\n");
        assertEquals(List.of(), errors(r));
        assertEquals(2, r.table().size());
        assertEquals(k, r.table().findRsaPrivate(Id.ofAddress(org.jswan.ike.base.IpAddress.parse("192.0.2.1")))
                .orElseThrow());
    }

    @Test
    void braceOnItsOwnLineAndFieldsOnOneLine() {
        RsaPrivateKey k = rsaKey(1024, 65537, 13);
        String oneLine = "\t{ Modulus: " + text(k.n(), 'x') + " PublicExponent: " + text(k.e(), 'x')
                + " PrivateExponent: " + text(k.d(), 's') + " Prime1: " + text(k.p(), 'x')
                + " Prime2: " + text(k.q(), 'x') + " Exponent1: " + text(k.dP(), 'x')
                + " Exponent2: " + text(k.dQ(), 'x') + " Coefficient: " + text(k.qInv(), 'x') + " }";
        Input.SecretsLoad r = load(": RSA\n" + oneLine + "\n");
        assertEquals(List.of(), errors(r));
        assertEquals(k, r.table().findRsaPrivate(Id.fqdn("anyone")).orElseThrow());
    }

    @Test
    void missingFieldWrongOrderAndBadEnds() {
        RsaPrivateKey k = rsaKey(1024, 65537, 14);
        String good = rsaBlock(k, 'x');
        String noPrime2 = good.replaceAll("\tPrime2: .*\n", "");
        String swapped = good.replaceAll("\tPrime1: (.*)\n\tPrime2: (.*)\n", "\tPrime2: $2\n\tPrime1: $1\n");
        String truncated = good.substring(0, good.indexOf("\tExponent2"));
        String badValue = good.replaceAll("\tExponent1: .*\n", "\tExponent1: 0xnothex\n");
        String content = String.join("\n",
                "@r1 : RSA {", noPrime2 + "\t}", // 1..13: Exponent1 where Prime2 expected
                "@r2 : RSA {", swapped + "\t}", // 14..27
                "@r3 : RSA {", truncated, // 28..
                "@r4 : RSA", good + "\t}", // no '{'
                "@r5 : RSA {", good + "\t} @extra", // junk after '}'
                "@r6 : RSA {", good, // no '}' at all
                "@r7 : RSA {", badValue + "\t}",
                "@ok : PSK \"still loads\"",
                "");
        Input.SecretsLoad r = load(content);
        List<String> lines = List.of(content.split("\n", -1));
        int r1 = lines.indexOf("@r1 : RSA {") + 1;
        int r2 = lines.indexOf("@r2 : RSA {") + 1;
        int r3 = lines.indexOf("@r3 : RSA {") + 1;
        int r4 = lines.indexOf("@r4 : RSA") + 1;
        int r5 = lines.indexOf("@r5 : RSA {") + 1;
        int r6 = lines.indexOf("@r6 : RSA {") + 1;
        int r7 = lines.indexOf("@r7 : RSA {") + 1;
        assertEquals(List.of(
                where(r1 + 9) + "Prime2 keyword not found where expected in RSA key",
                where(r2 + 8) + "Prime1 keyword not found where expected in RSA key",
                where(r3 + 10) + "premature end of RSA key",
                where(r4) + "bad RSA key syntax",
                where(r5 + 13) + "malformed end of RSA private key",
                where(r6 + 12) + "malformed end of RSA private key",
                where(r7 + 10) + "RSA data malformed (non-hex character in hex data) in Exponent1"),
                errors(r));
        assertEquals(1, r.table().size());
    }

    @Test
    void inconsistentValuesAreCaughtWithTheirRecordLine() {
        RsaPrivateKey k = rsaKey(1024, 65537, 15);
        BigInteger one = BigInteger.ONE;
        List<RsaPrivateKey> bad = List.of(
                new RsaPrivateKey(k.n().add(BigInteger.TWO), k.e(), k.d(), k.p(), k.q(), k.dP(), k.dQ(), k.qInv()),
                new RsaPrivateKey(k.n(), k.e(), k.d().add(one), k.p(), k.q(), k.dP(), k.dQ(), k.qInv()),
                new RsaPrivateKey(k.n(), k.e(), k.d(), k.p(), k.q(), k.dP().add(one), k.dQ(), k.qInv()),
                new RsaPrivateKey(k.n(), k.e(), k.d(), k.p(), k.q(), k.dP(), k.dQ().add(one), k.qInv()),
                new RsaPrivateKey(k.n(), k.e(), k.d(), k.p(), k.q(), k.dP(), k.dQ(), k.qInv().add(one)),
                new RsaPrivateKey(k.n(), k.e(), k.d(), k.q(), k.p(), k.dQ(), k.dP(), k.qInv()),
                new RsaPrivateKey(k.n(), BigInteger.ONE, one, k.p(), k.q(), one, one, k.qInv()),
                new RsaPrivateKey(k.n(), BigInteger.valueOf(65536), k.d(), k.p(), k.q(), k.dP(), k.dQ(), k.qInv()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bad.size(); i++) {
            sb.append("@k").append(i).append(" : RSA {\n").append(rsaBlock(bad.get(i), 'x')).append("\t}\n");
        }
        Input.SecretsLoad r = load(sb.toString());
        int span = rsaBlock(k, 'x').split("\n").length + 2;
        List<String> want = List.of(
                "n != p * q",
                "(d * e) mod (lcm(p-1, q-1)) != 1",
                "dP is not congruent to d mod (p-1)",
                "dQ is not congruent to d mod (q-1)",
                "qInv is not congruent to (q^-1) mod p",
                "qInv is not congruent to (q^-1) mod p", // p and q swapped but qInv not recomputed
                "RSA public exponent must be odd and at least 3",
                "RSA public exponent must be odd and at least 3");
        List<String> got = errors(r);
        assertEquals(want.size(), got.size(), String.join("\n", got));
        for (int i = 0; i < want.size(); i++) {
            assertEquals(where(1 + i * span) + want.get(i), got.get(i));
        }
        assertEquals(0, r.table().size());
    }

    @Test
    void swappedPrimesWithMatchingCrtValuesAreFine() {
        RsaPrivateKey k = rsaKey(1024, 65537, 16);
        RsaPrivateKey swapped = new RsaPrivateKey(k.n(), k.e(), k.d(), k.q(), k.p(), k.dQ(), k.dP(),
                k.p().modInverse(k.q()));
        assertTrue(swapped.consistencyProblem().isEmpty());
    }

    @Test
    void dModuloPhiAsRsasigkeyNooptWroteItPasses() {
        RsaPrivateKey k = rsaKey(1024, 3, 17);
        BigInteger phi = k.p().subtract(BigInteger.ONE).multiply(k.q().subtract(BigInteger.ONE));
        BigInteger d = k.e().modInverse(phi);
        RsaPrivateKey noopt = new RsaPrivateKey(k.n(), k.e(), d, k.p(), k.q(),
                d.mod(k.p().subtract(BigInteger.ONE)), d.mod(k.q().subtract(BigInteger.ONE)), k.qInv());
        assertTrue(noopt.consistencyProblem().isEmpty());
    }

    @Test
    void modulusSizeLimits() {
        Random rnd = new Random(99);
        BigInteger p = BigInteger.probablePrime(200, rnd);
        BigInteger q = BigInteger.probablePrime(200, rnd);
        RsaPrivateKey small = crt(p, q, BigInteger.valueOf(65537));
        assertEquals("RSA modulus too small for security: " + small.bits() + " bits (at least 512 required)",
                small.consistencyProblem().orElseThrow());
        BigInteger huge = BigInteger.ONE.shiftLeft(8200).add(BigInteger.ONE);
        RsaPrivateKey big = new RsaPrivateKey(huge, BigInteger.valueOf(3), huge, huge, huge, huge, huge, huge);
        assertEquals("RSA modulus too large: 8201 bits (at most 8192 supported)", big.consistencyProblem().orElseThrow());
        assertTrue(rsaKey(512, 65537, 18).consistencyProblem().isEmpty());
    }

    private static RsaPrivateKey crt(BigInteger p, BigInteger q, BigInteger e) {
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        BigInteger d = e.modInverse(p1.multiply(q1).divide(p1.gcd(q1)));
        return new RsaPrivateKey(p.multiply(q), e, d, p, q, d.mod(p1), d.mod(q1), q.modInverse(p));
    }

    @Test
    void toStringShowsNoPrivatePart() {
        RsaPrivateKey k = rsaKey(1024, 65537, 19);
        String s = k.toString();
        assertEquals("RSA private key 1024 bits *" + k.publicKey().keyId(), s);
        for (BigInteger secret : List.of(k.d(), k.p(), k.q(), k.dP(), k.dQ(), k.qInv())) {
            assertFalse(s.contains(secret.toString(16)));
            assertFalse(s.contains(secret.toString()));
        }
    }
}
