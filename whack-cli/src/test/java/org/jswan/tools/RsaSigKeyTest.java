package org.jswan.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Id;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.crypto.HashAlgorithm;
import org.jswan.ike.crypto.RsaSignatures;
import org.jswan.ike.engine.Input;
import org.jswan.ike.secrets.RsaPrivateKey;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.secrets.RsaPublicKeyBlob;
import org.jswan.ike.secrets.SecretsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipsec rsasigkey}: FreeS/WAN's output format, read back by pluto's ipsec.secrets loader. */
class RsaSigKeyTest {
    private static final Pattern HEX = Pattern.compile("0x(?:[0-9a-f]{2})+");

    @TempDir
    Path dir;

    @Test
    void printsFreeSwansFormat() throws IOException, org.jswan.ike.secrets.KeyFormatException {
        Path random = ToolRun.randomFile(dir, "format", 4096);
        ToolRun r = ToolRun.rsasigkey("--random", random.toString(), "1024");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().split("\n", -1);
        assertEquals(13, lines.length, r.out());
        assertEquals("", lines[12], "ends with a newline");
        assertEquals("\t# RSA 1024 bits   test.example   Tue Mar  4 05:06:07 2003", lines[0]);
        assertEquals("\t# for signatures only, UNSAFE FOR ENCRYPTION", lines[1]);
        assertTrue(lines[2].startsWith("\t#pubkey=0sAwEAA"), lines[2]); // 03 01 00 01: e = 65537
        String[] names = {"Modulus", "PublicExponent", null, "PrivateExponent", "Prime1", "Prime2",
            "Exponent1", "Exponent2", "Coefficient"};
        Map<String, BigInteger> v = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            String line = lines[3 + i];
            if (names[i] == null) {
                assertEquals("\t# everything after this point is secret", line);
                continue;
            }
            String prefix = "\t" + names[i] + ": ";
            assertTrue(line.startsWith(prefix), line);
            String value = line.substring(prefix.length());
            assertTrue(HEX.matcher(value).matches(), "lower-case hex, even digit count: " + names[i]);
            v.put(names[i], new BigInteger(value.substring(2), 16));
        }
        assertEquals("\tPublicExponent: 0x010001", lines[4]);
        BigInteger n = v.get("Modulus");
        BigInteger p = v.get("Prime1");
        BigInteger q = v.get("Prime2");
        assertEquals(1024, n.bitLength());
        assertEquals(n, p.multiply(q));
        assertTrue(p.compareTo(q) > 0, "Prime1 is the larger prime");
        assertEquals(512, p.bitLength());
        assertEquals(512, q.bitLength());
        BigInteger d = v.get("PrivateExponent");
        assertEquals(d.mod(p.subtract(BigInteger.ONE)), v.get("Exponent1"));
        assertEquals(d.mod(q.subtract(BigInteger.ONE)), v.get("Exponent2"));
        assertEquals(q.modInverse(p), v.get("Coefficient"));
        BigInteger lcm = lcm(p, q);
        assertEquals(BigInteger.valueOf(65537).modInverse(lcm), d, "d = e^-1 mod lcm(p-1, q-1)");
        RsaPublicKey pub = RsaPublicKeyBlob.decodeText(lines[2].substring("\t#pubkey=".length()));
        assertEquals(new RsaPublicKey(n, BigInteger.valueOf(65537)), pub);
    }

    @Test
    void outputIsReadBackByThePlutoLoader() throws IOException {
        ToolRun a = ToolRun.rsasigkey("--random", ToolRun.randomFile(dir, "a", 512).toString(), "1024");
        ToolRun b = ToolRun.rsasigkey("--random", ToolRun.randomFile(dir, "b", 512).toString(), "--hostname", "east", "512");
        assertEquals(0, a.status(), a.err());
        assertEquals(0, b.status(), b.err());
        Path secrets = dir.resolve("ipsec.secrets");
        Files.writeString(secrets, "# two keys made by ipsec rsasigkey\n"
                + ToolRun.secretsRecord("", a.out())
                + "192.0.2.1 192.0.2.2 : PSK \"not the point\"\n"
                + ToolRun.secretsRecord("@east.example", b.out()));
        Input.SecretsLoad load = SecretsTable.load(secrets.toString(), Resolver.none());
        assertEquals(List.of(new Input.LogNote(2, "loading secrets from \"" + secrets + "\"")), load.notes());
        assertEquals(3, load.table().size());

        RsaPrivateKey west = load.table().findRsaPrivate(Id.ofAddress(IpAddress.parse("192.0.2.1"))).orElseThrow();
        RsaPrivateKey east = load.table().findRsaPrivate(Id.fqdn("east.example")).orElseThrow();
        assertEquals(1024, west.bits());
        assertEquals(512, east.bits());
        assertEquals(pubkeyLine(a.out()), west.publicKey().toText());
        assertEquals(pubkeyLine(b.out()), east.publicKey().toText());
        // ... and the keys sign, as pluto will use them.
        for (RsaPrivateKey k : List.of(west, east)) {
            Bytes hash = HashAlgorithm.SHA1.hash(Bytes.fromHex("00"));
            assertTrue(RsaSignatures.verify(k.publicKey(), hash, RsaSignatures.sign(k, hash)).ok());
        }
    }

    @Test
    void sameRandomFileSameKeyOtherFileOtherKey() throws IOException {
        Path f1 = ToolRun.randomFile(dir, "same", 256);
        String k1 = ToolRun.rsasigkey("--random", f1.toString(), "512").out();
        String k2 = ToolRun.rsasigkey("--rand=" + f1, "512").out();
        String k3 = ToolRun.rsasigkey("--random", ToolRun.randomFile(dir, "other", 256).toString(), "512").out();
        assertEquals(k1, k2);
        assertNotEquals(pubkeyLine(k1), pubkeyLine(k3));
        // 512 bits take 64 random octets: exactly what is read from the file.
        Path exact = ToolRun.randomFile(dir, "same", 64);
        assertEquals(k1, ToolRun.rsasigkey("--random", exact.toString(), "512").out());
    }

    @Test
    void nooptComputesDModPhiAndStillLoads() throws IOException {
        Path random = ToolRun.randomFile(dir, "noopt", 256);
        String opt = ToolRun.rsasigkey("--random", random.toString(), "512").out();
        ToolRun noopt = ToolRun.rsasigkey("--noopt", "--random", random.toString(), "512");
        assertEquals(0, noopt.status(), noopt.err());
        assertEquals(pubkeyLine(opt), pubkeyLine(noopt.out()), "same primes, same public key");
        BigInteger p = field(noopt.out(), "Prime1");
        BigInteger q = field(noopt.out(), "Prime2");
        BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        assertEquals(BigInteger.valueOf(65537).modInverse(phi), field(noopt.out(), "PrivateExponent"));
        Path secrets = dir.resolve("noopt.secrets");
        Files.writeString(secrets, ToolRun.secretsRecord("", noopt.out()));
        Input.SecretsLoad load = SecretsTable.load(secrets.toString(), Resolver.none());
        assertEquals(1, load.notes().size(), load.notes().toString());
        assertEquals(1, load.table().size());
    }

    @Test
    void defaultRandomnessIsTheJdksSecureRandom() {
        ToolRun r = ToolRun.rsasigkey("--verbose", "512");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("ipsec rsasigkey: getting 32 random bytes from the JDK's SecureRandom"), r.err());
        assertTrue(r.err().contains("ipsec rsasigkey: found it after "), r.err());
        assertTrue(r.out().startsWith("\t# RSA 512 bits   test.example   "), r.out());
        for (String line : r.err().split("\n")) {
            assertTrue(line.startsWith("ipsec rsasigkey: "), "progress only, on stderr: " + line);
        }
    }

    @Test
    void sizesAndUsageErrors() {
        for (String[] args : new String[][] {
            {}, {"1000"}, {"496"}, {"8208"}, {"20000"}, {"2048", "4096"}, {"two"}, {"--rounds", "0", "512"},
            {"--bogus", "512"}, {"-v", "512"}, {"--random"}, {"--noopt=yes", "512"},
        }) {
            ToolRun r = ToolRun.rsasigkey(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals("", r.out());
            String[] lines = r.err().split("\n");
            assertEquals(2, lines.length, r.err());
            assertTrue(lines[0].startsWith("ipsec rsasigkey: "), lines[0]);
            assertTrue(lines[1].startsWith("Usage: ipsec rsasigkey "), lines[1]);
        }
        assertEquals("ipsec rsasigkey: key size 1000 is not a multiple of 16\n",
                ToolRun.rsasigkey("1000").err().lines().findFirst().orElseThrow() + "\n");
        assertEquals("ipsec rsasigkey: key size 8208 is out of range (512 to 8192 bits)",
                ToolRun.rsasigkey("8208").err().lines().findFirst().orElseThrow());
    }

    @Test
    void tooLittleRandomDataOrNoFile() throws IOException {
        ToolRun r = ToolRun.rsasigkey("--random", ToolRun.randomFile(dir, "short", 40).toString(), "512");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ipsec rsasigkey: not enough random data in \""), r.err());
        ToolRun missing = ToolRun.rsasigkey("--random", dir.resolve("nothing").toString(), "512");
        assertEquals(1, missing.status());
        assertEquals("ipsec rsasigkey: cannot open \"" + dir.resolve("nothing") + "\": no such file\n", missing.err());
    }

    @Test
    void helpSaysWhichExponentAndWhy() {
        ToolRun r = ToolRun.rsasigkey("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("The public exponent is 65537. FreeS/WAN's rsasigkey always used 3"), r.out());
        assertTrue(r.out().contains("512 to 8192"), r.out());
        assertTrue(ToolRun.rsasigkey("--version").out().startsWith("ipsec rsasigkey (jswan "));
    }

    @Test
    void largerKeysHaveTheirExactSize() throws IOException {
        ToolRun r = ToolRun.rsasigkey("--rounds", "5", "--random", ToolRun.randomFile(dir, "2048", 1024).toString(), "2048");
        assertEquals(0, r.status(), r.err());
        assertEquals(2048, field(r.out(), "Modulus").bitLength());
        assertTrue(r.out().startsWith("\t# RSA 2048 bits   "));
    }

    static String pubkeyLine(String out) {
        for (String line : out.split("\n")) {
            if (line.startsWith("\t#pubkey=")) {
                return line.substring("\t#pubkey=".length());
            }
        }
        throw new AssertionError("no #pubkey= line in " + out);
    }

    static BigInteger field(String out, String name) {
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("\t" + name + ": 0x")) {
                found.add(line.substring(name.length() + 5));
            }
        }
        assertEquals(1, found.size(), name);
        return new BigInteger(found.get(0), 16);
    }

    private static BigInteger lcm(BigInteger p, BigInteger q) {
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        return p1.multiply(q1).divide(p1.gcd(q1));
    }
}
