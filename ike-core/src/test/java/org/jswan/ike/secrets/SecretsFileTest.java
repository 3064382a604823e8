package org.jswan.ike.secrets;

import static org.jswan.ike.secrets.SecretsFiles.errors;
import static org.jswan.ike.secrets.SecretsFiles.id;
import static org.jswan.ike.secrets.SecretsFiles.load;
import static org.jswan.ike.secrets.SecretsFiles.notes;
import static org.jswan.ike.secrets.SecretsFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.jswan.ike.conn.Id;
import org.jswan.ike.engine.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {
    @TempDir
    Path dir;

    private static Secret psk(String text) {
        return Secret.copyOf(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean has(SecretsTable t, Id us, Id him, Secret want) {
        Optional<Secret> got = t.findPsk(us, him);
        return got.isPresent() && got.get().sameAs(want);
    }

    @Test
    void everyPskForm() {
        Input.SecretsLoad r = load(dir, String.join("\n",
                "# sample for 10.1.0.1",
                "10.1.0.1 10.2.0.1: PSK \"secret shared by two hosts\"",
                "10.1.0.1 10.3.0.1 : psk 'single quoted'",
                "10.1.0.1 10.4.0.1 \"old style, no colon\"",
                "10.1.0.1 10.5.0.1 : \"new style without PSK keyword\"",
                "10.1.0.1 10.6.0.1 : PSK 0x01020304_05060708",
                "10.1.0.1 10.7.0.1 : PSK 0sAQIDBA==",
                "10.1.0.1 10.8.0.1 : PSK 0tmy text # with a hash   ",
                "10.1.0.1 10.9.0.1 : PSK \"has # inside\" # and a comment",
                ""));
        assertEquals(List.of(), errors(r));
        SecretsTable t = r.table();
        assertEquals(8, t.size());
        Id us = id("10.1.0.1");
        assertTrue(has(t, us, id("10.2.0.1"), psk("secret shared by two hosts")));
        assertTrue(has(t, us, id("10.3.0.1"), psk("single quoted")));
        assertTrue(has(t, us, id("10.4.0.1"), psk("old style, no colon")));
        assertTrue(has(t, us, id("10.5.0.1"), psk("new style without PSK keyword")));
        assertTrue(has(t, us, id("10.6.0.1"), Secret.of(Bytes.fromHex("0102030405060708"))));
        assertTrue(has(t, us, id("10.7.0.1"), Secret.of(Bytes.fromHex("01020304"))));
        assertTrue(has(t, us, id("10.8.0.1"), psk("my text # with a hash")));
        assertTrue(has(t, us, id("10.9.0.1"), psk("has # inside")));
    }

    @Test
    void everyIndexForm() {
        SecretsTable t = load(dir, String.join("\n",
                "192.0.2.1 east.example : PSK \"by address and resolved name\"",
                "@west.example @east.example : PSK \"fqdns\"",
                "alice@west.example @east.example : PSK \"user fqdn\"",
                "@east.example %any : PSK \"road warriors v4\"",
                "@east.example %any6 : PSK \"road warriors v6\"",
                "@east.example 0.0.0.0 : PSK \"obsolete any\"",
                "2001:db8::1 2001:db8::2 : PSK \"v6\"",
                "")).table();
        assertEquals(7, t.size());
        assertTrue(has(t, id("192.0.2.1"), id("192.0.2.2"), psk("by address and resolved name")));
        assertTrue(has(t, id("@WEST.example"), id("@east.example"), psk("fqdns")));
        assertTrue(has(t, id("@east.example"), id("alice@west.example"), psk("user fqdn")));
        assertTrue(has(t, id("@east.example"), Id.ANY6, psk("road warriors v6")));
        assertTrue(has(t, id("2001:db8::2"), id("2001:db8::1"), psk("v6")));
        // %any and 0.0.0.0 are the same index: two records agreeing? No: they disagree.
        SecretLookup<Secret> rw = t.lookupPsk(id("@east.example"), Id.ANY);
        assertTrue(rw.found().isEmpty());
        assertTrue(rw.diagnostic().orElseThrow().contains("line 4"));
        assertTrue(rw.diagnostic().orElseThrow().contains("line 6"));
    }

    @Test
    void continuationLinesAndComments() {
        Input.SecretsLoad r = load(dir, String.join("\n",
                "# a comment",
                "",
                "192.0.2.1 @east.example",
                "    @west.example # comment inside a record",
                "",
                "\t10.6.0.1 10.7.0.1 1.8.0.1: PSK",
                "\t\t\"secret shared by 5\"",
                "#indented records end at the next column-1 token",
                "@solo: PSK \"one\"",
                "   ",
                ""));
        assertEquals(List.of(), errors(r));
        SecretsTable t = r.table();
        assertEquals(2, t.size());
        assertTrue(has(t, id("1.8.0.1"), id("@west.example"), psk("secret shared by 5")));
        assertEquals("\"" + dir.resolve("ipsec.secrets") + "\" line 3: PSK for 192.0.2.1 @east.example "
                + "@west.example 10.6.0.1 10.7.0.1 1.8.0.1", t.describe().get(0));
    }

    @Test
    void windowsLineEndsAndTrailingBlanksAreIgnored() {
        SecretsTable t = load(dir, "192.0.2.1 192.0.2.2 : PSK 0tabc \t\r\n@x : PSK \"y\"\r\n").table();
        assertEquals(2, t.size());
        assertTrue(has(t, id("192.0.2.1"), id("192.0.2.2"), psk("abc")));
    }

    @Test
    void defaultRecordHasNoIndex() {
        Input.SecretsLoad r = load(dir, ": PSK \"default for all\"\n\"older default\"\n");
        assertEquals(List.of(), errors(r));
        assertEquals(2, r.table().size());
        assertTrue(r.table().describe().get(0).endsWith("PSK (default, no index)"));
    }

    @Test
    void loadingNoteComesFirst() {
        Path f = write(dir, "ipsec.secrets", "@a @b : PSK \"x\"\n");
        Input.SecretsLoad r = load(f);
        assertEquals(List.of("2 loading secrets from \"" + f + "\""), notes(r));
    }

    @Test
    void badRecordsAreSkippedWithFileAndLineAndTheRestLoads() {
        Path f = write(dir, "ipsec.secrets", String.join("\n",
                "@a @b : PSK \"good one\"", // 1
                "@a @c : PSK unquoted-text", // 2
                "@a @d : PSK \"unterminated", // 3
                "@a @e : FOO \"x\"", // 4
                "@a nowhere.example : PSK \"x\"", // 5
                "@a @f : PSK \"x\" extra", // 6
                "@a @g @h", // 7
                "@a @i :", // 8
                "@a @j : PSK", // 9
                "@a @k : \"\"", // 10
                "include", // 11
                "include a b", // 12
                "@a @l : PSK 0x123", // 13
                "@a @m : PSK \"good two\"", // 14
                ""));
        Input.SecretsLoad r = load(f);
        String q = "\"" + f + "\" line ";
        assertEquals(List.of(
                q + "2: PSK data malformed (unknown or missing prefix (expected 0x, 0s or 0t))",
                q + "3: unterminated string",
                q + "4: unrecognized key format (expected a quoted string, PSK or RSA)",
                q + "5: does not look numeric and name lookup failed \"nowhere.example\"",
                q + "6: expected record boundary in key",
                q + "7: unexpected end of id list (no ':' and key)",
                q + "8: unexpected end of record: no key after ':'",
                q + "9: unexpected end of record in PSK",
                q + "10: empty PSK",
                q + "11: unexpected end of include directive",
                q + "12: ignoring malformed INCLUDE -- expected Record Boundary after filename",
                q + "13: PSK data malformed (incomplete hex digit group (hex digits come in pairs))"),
                errors(r));
        assertEquals(2, r.table().size());
        assertTrue(has(r.table(), id("@a"), id("@b"), psk("good one")));
        assertTrue(has(r.table(), id("@a"), id("@m"), psk("good two")));
    }

    @Test
    void errorLineIsTheLineOfTheBadToken() {
        Path f = write(dir, "s", "@a @b :\n    PSK\n        0xzz\n@c @d : PSK \"ok\"\n");
        Input.SecretsLoad r = load(f);
        assertEquals(List.of("\"" + f + "\" line 3: PSK data malformed (non-hex character in hex data)"), errors(r));
        assertEquals(1, r.table().size());
    }

    @Test
    void fileMustNotStartIndented() {
        Path f = write(dir, "s", "  @a @b : PSK \"lost\"\n@c @d : PSK \"kept\"\n");
        Input.SecretsLoad r = load(f);
        assertEquals(List.of("\"" + f + "\" line 1: file starts with indentation (continuation notation)"), errors(r));
        assertEquals(1, r.table().size());
    }

    @Test
    void includeIsRelativeToTheIncludingFileAndGlobbed() {
        write(dir, "etc/ipsec.d/a.secrets", "@a @b : PSK \"from a\"\n");
        write(dir, "etc/ipsec.d/b.secrets", "@a @c : PSK \"from b\"\n");
        write(dir, "etc/ipsec.d/c.other", "@a @d : PSK \"not included\"\n");
        write(dir, "etc/ipsec.d/.hidden.secrets", "@a @e : PSK \"hidden\"\n");
        write(dir, "etc/abs.secrets", "@a @f : PSK \"absolute\"\n");
        Path main = write(dir, "etc/ipsec.secrets", String.join("\n",
                "@a @z : PSK \"before\"",
                "include ipsec.d/*.secrets # relative to etc/",
                "include " + dir.resolve("etc/abs.secrets"),
                "@a @y : PSK \"after\"",
                ""));
        Input.SecretsLoad r = load(main);
        assertEquals(List.of(
                "2 loading secrets from \"" + main + "\"",
                "2 loading secrets from \"" + dir.resolve("etc/ipsec.d/a.secrets") + "\"",
                "2 loading secrets from \"" + dir.resolve("etc/ipsec.d/b.secrets") + "\"",
                "2 loading secrets from \"" + dir.resolve("etc/abs.secrets") + "\""), notes(r));
        List<String> order = r.table().describe();
        assertEquals(5, order.size());
        assertTrue(order.get(0).endsWith("@a @z"));
        assertTrue(order.get(1).endsWith("@a @b"));
        assertTrue(order.get(2).endsWith("@a @c"));
        assertTrue(order.get(3).endsWith("@a @f"));
        assertTrue(order.get(4).endsWith("@a @y"));
    }

    @Test
    void includeMatchingNothingIsANoteNotAnError() {
        Path main = write(dir, "ipsec.secrets", "include nothing.*\n@a @b : PSK \"x\"\n");
        Input.SecretsLoad r = load(main);
        assertEquals(List.of("no secrets filename matched \"" + dir.resolve("nothing.*") + "\""), errors(r));
        assertEquals(1, r.table().size());
    }

    @Test
    void includesNestTenDeep() {
        for (int i = 0; i < 12; i++) {
            write(dir, "f" + i, "@a @n" + i + " : PSK \"level " + i + "\"\ninclude f" + (i + 1) + "\n");
        }
        Input.SecretsLoad r = load(dir.resolve("f0"));
        // f0 is depth 0; f1..f10 are the ten allowed levels of include.
        assertEquals(11, r.table().size());
        assertEquals(List.of("preshared secrets file \"" + dir.resolve("f11") + "\" nested too deeply"), errors(r));
    }

    @Test
    void selfIncludeStopsAtTheLimit() {
        Path f = write(dir, "loop", "include loop\n@a @b : PSK \"x\"\n");
        Input.SecretsLoad r = load(f);
        assertEquals(List.of("preshared secrets file \"" + f + "\" nested too deeply"), errors(r));
        assertEquals(11, r.table().size());
    }

    @Test
    void secretsfileIsAGlobOverSeveralFilesInSortedOrder() {
        write(dir, "s/20-west.secrets", "@a @w : PSK \"w\"\n");
        write(dir, "s/10-east.secrets", "@a @e : PSK \"e\"\n");
        write(dir, "s/30-north.txt", "@a @n : PSK \"n\"\n");
        Input.SecretsLoad r = SecretsTable.load(dir + "/s/*.secrets", SecretsFiles.DNS);
        assertEquals(List.of(
                "2 loading secrets from \"" + dir + "/s/10-east.secrets\"",
                "2 loading secrets from \"" + dir + "/s/20-west.secrets\""), notes(r));
        assertEquals(2, r.table().size());
    }

    @Test
    void secretsfileMatchingNothing() {
        Input.SecretsLoad r = SecretsTable.load(dir + "/none/ipsec.secrets", SecretsFiles.DNS);
        assertEquals(List.of("3 no secrets filename matched \"" + dir + "/none/ipsec.secrets\""), notes(r));
        assertEquals(0, r.table().size());
    }

    @Test
    void unreadableFileIsReportedAndSkipped() {
        SecretsFileSystem fs = new SecretsFileSystem() {
            @Override
            public List<String> list(String directory) {
                return List.of("a", "b");
            }

            @Override
            public boolean exists(String path) {
                return true;
            }

            @Override
            public byte[] read(String path) throws java.io.IOException {
                if (path.endsWith("a")) {
                    throw new java.nio.file.AccessDeniedException(path);
                }
                return "@x @y : PSK \"b\"\n".getBytes(StandardCharsets.US_ASCII);
            }
        };
        Input.SecretsLoad r = new SecretsLoader(SecretsFiles.DNS, fs).load("/etc/ipsec.d/*");
        assertEquals(List.of(
                "3 could not open \"/etc/ipsec.d/a\": permission denied",
                "2 loading secrets from \"/etc/ipsec.d/b\""), notes(r));
        assertEquals(1, r.table().size());
    }

    @Test
    void quotedSecretKeepsItsBytes() {
        byte[] raw = "@a @b : PSK \"caf\u00e9 \u00ff\"\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = dir.resolve("latin1");
        try {
            java.nio.file.Files.write(f, raw);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        SecretsTable t = load(f).table();
        assertTrue(has(t, id("@a"), id("@b"), Secret.of(Bytes.of('c', 'a', 'f', 0xe9, ' ', 0xff))));
    }
}
