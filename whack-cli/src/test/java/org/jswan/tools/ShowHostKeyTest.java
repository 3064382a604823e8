package org.jswan.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.conn.Resolver;
import org.jswan.ike.secrets.KeyFormatException;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.secrets.RsaPublicKeyBlob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipsec showhostkey}: the public half of a key in ipsec.secrets, for ipsec.conf or DNS. */
class ShowHostKeyTest {
    private static final Resolver RESOLVER = Resolver.of(Map.of("west.example", List.of(IpAddress.parse("192.0.2.1"))));

    @TempDir
    Path dir;

    private Path secrets;
    private String westKey;
    private String eastKey;

    @BeforeEach
    void writeSecrets() throws IOException {
        ToolRun west = ToolRun.rsasigkey("--random", ToolRun.randomFile(dir, "west", 64).toString(), "512");
        ToolRun east = ToolRun.rsasigkey("--random", ToolRun.randomFile(dir, "east", 128).toString(), "1024");
        westKey = RsaSigKeyTest.pubkeyLine(west.out());
        eastKey = RsaSigKeyTest.pubkeyLine(east.out());
        secrets = dir.resolve("ipsec.secrets");
        Files.writeString(secrets, "192.0.2.1 192.0.2.2 : PSK \"psk of west and east\"\n"
                + ToolRun.secretsRecord("@west.example.com 192.0.2.1", west.out())
                + ToolRun.secretsRecord("@east.example.com", east.out()));
    }

    private ToolRun showhostkey(String... args) {
        return ToolRun.of((out, err) -> ShowHostKey.run(args, out, err, RESOLVER, () -> "host.example"));
    }

    @Test
    void leftRsaSigKeyOfTheKeyWithThatIndex() throws KeyFormatException {
        ToolRun r = showhostkey("--file", secrets.toString(), "--id", "@east.example.com");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        RsaPublicKey east = RsaPublicKeyBlob.decodeText(eastKey);
        assertEquals("\t# RSA 1024 bits   @east.example.com   keyid " + east.keyId() + "\n"
                + "\tleftrsasigkey=" + eastKey + "\n", r.out());
        // The value is the key, as pluto reads leftrsasigkey= and --pubkeyrsa.
        String value = r.out().lines().toList().get(1).substring("\tleftrsasigkey=".length());
        assertEquals(east, RsaPublicKeyBlob.decodeText(value));
    }

    @Test
    void rightAndIdsOfEveryKind() {
        for (String id : new String[] {"@west.example.com", "@WEST.example.com", "192.0.2.1", "west.example"}) {
            ToolRun r = showhostkey("--right", "--file=" + secrets, "--id", id);
            assertEquals(0, r.status(), id + ": " + r.err());
            assertEquals("\trightrsasigkey=" + westKey, r.out().lines().toList().get(1), id);
            assertTrue(r.out().startsWith("\t# RSA 512 bits   @west.example.com 192.0.2.1   keyid "), r.out());
        }
    }

    @Test
    void withoutIdTheFirstRsaKeyAndANote() {
        ToolRun r = showhostkey("--file", secrets.toString());
        assertEquals(0, r.status());
        assertEquals("\tleftrsasigkey=" + westKey, r.out().lines().toList().get(1));
        assertEquals("ipsec showhostkey: 2 RSA keys match; showing the one at \"" + secrets
                + "\" line 2 (choose with --id)\n", r.err());
    }

    @Test
    void defaultRecordIsNamedByTheHost() throws IOException {
        Path one = dir.resolve("one.secrets");
        Files.writeString(one, ToolRun.secretsRecord("", ToolRun.rsasigkey("--random",
                ToolRun.randomFile(dir, "one", 64).toString(), "512").out()));
        ToolRun r = showhostkey("--file", one.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("\t# RSA 512 bits   host.example   keyid "), r.out());
    }

    @Test
    void dnsKeyRecord() {
        ToolRun r = showhostkey("--key", "--file", secrets.toString(), "--id", "@east.example.com");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("; RSA 1024 bits   @east.example.com   keyid "), lines.get(0));
        assertEquals("east.example.com.\tIN\tKEY\t0x4200 4 1 " + eastKey.substring(2), lines.get(1));
    }

    @Test
    void problemsNameFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.secrets");
        String east = Files.readString(secrets).split("@east.example.com ", 2)[1];
        Files.writeString(bad, "@west : RSA {\n\tModulus: 0x00\n\t}\n@east.example.com " + east);
        ToolRun r = showhostkey("--file", bad.toString());
        assertEquals(0, r.status(), "the good key is still shown");
        assertEquals("\tleftrsasigkey=" + eastKey, r.out().lines().toList().get(1));
        assertEquals("ipsec showhostkey: \"" + bad + "\" line 3: PublicExponent keyword not found where expected"
                + " in RSA key\n", r.err());
        assertTrue(!r.err().contains("0x00"), "no key text quoted back");

        ToolRun none = showhostkey("--file", bad.toString(), "--id", "@west");
        assertEquals(1, none.status());
        assertEquals("", none.out());
        assertTrue(none.err().endsWith("ipsec showhostkey: no RSA key for id @west in \"" + bad + "\"\n"), none.err());

        Path missing = dir.resolve("missing.secrets");
        ToolRun gone = showhostkey("--file", missing.toString());
        assertEquals(1, gone.status());
        assertEquals("ipsec showhostkey: no secrets filename matched \"" + missing + "\"\n"
                + "ipsec showhostkey: no RSA key in \"" + missing + "\"\n", gone.err());
    }

    @Test
    void usageErrors() {
        for (String[] args : new String[][] {{"--left", "--right"}, {"--key", "--left"}, {"--id"}, {"--id", "%bogus"},
            {"extra"}, {"--bogus"}}) {
            ToolRun r = showhostkey(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("ipsec showhostkey: "), r.err());
            assertTrue(r.err().contains("\nUsage: ipsec showhostkey "), r.err());
        }
        ToolRun help = showhostkey("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: ipsec showhostkey [--left | --right | --key] [--file F] [--id ID]\n"));
    }
}
