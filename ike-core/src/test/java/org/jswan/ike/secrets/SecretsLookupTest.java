package org.jswan.ike.secrets;

import static org.jswan.ike.secrets.SecretsFiles.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jswan.ike.base.Secret;
import org.jswan.ike.conn.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pluto's get_secret best-match rule (reference §4 "Matching", ipsec.secrets(5)). */
class SecretsLookupTest {
    @TempDir
    Path dir;

    /** Which secret text (by its one-word name) the table picks, or "none". */
    private static String pick(SecretsTable t, String us, String him) {
        Optional<Secret> s = t.findPsk(id(us), id(him));
        if (s.isEmpty()) {
            return "none";
        }
        for (String name : List.of("default", "me-default", "explicit", "him-only", "rw", "rw6", "other")) {
            if (s.get().sameAs(Secret.copyOf(name.getBytes(StandardCharsets.US_ASCII)))) {
                return name;
            }
        }
        return "?";
    }

    private SecretsTable table(String... lines) {
        var r = SecretsFiles.load(dir, String.join("\n", lines) + "\n");
        assertEquals(List.of(), SecretsFiles.errors(r));
        return r.table();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        // us, him, expected
        "192.0.2.1, 192.0.2.2, explicit", // me+him beats me+default and default
        "192.0.2.2, 192.0.2.1, explicit", // the same record serves the other end
        "192.0.2.1, 192.0.2.9, me-default", // our only index: default for any peer
        "192.0.2.7, 192.0.2.9, default", // nothing specific: the index-less record
        "192.0.2.9, 192.0.2.1, default", // him-only match is not acceptable; default remains
        "@east.example, %any, rw", // road warrior: the peer is %any
        "@east.example, %any6, rw6",
        "@east.example, 192.0.2.50, default" // a concrete peer does not match a %any index
    })
    void bestMatchWins(String us, String him, String expected) {
        SecretsTable t = table(
                ": PSK \"default\"",
                "192.0.2.1 : PSK \"me-default\"",
                "192.0.2.1 192.0.2.2 : PSK \"explicit\"",
                "192.0.2.8 192.0.2.1 192.0.2.3 : PSK \"him-only\"",
                "@east.example %any : PSK \"rw\"",
                "@east.example %any6 : PSK \"rw6\"");
        assertEquals(expected, pick(t, us, him));
    }

    @Test
    void withoutADefaultAHimOnlyMatchFindsNothing() {
        SecretsTable t = table("192.0.2.8 192.0.2.1 : PSK \"him-only\"");
        assertEquals("none", pick(t, "192.0.2.9", "192.0.2.1"));
        assertEquals("him-only", pick(t, "192.0.2.8", "192.0.2.1"));
    }

    @Test
    void aMultiIndexRecordNamingOnlyUsIsNoPskMatch() {
        // ipsec.secrets(5): for symmetric keys both ends must be among several indices.
        SecretsTable t = table("192.0.2.1 192.0.2.3 : PSK \"other\"");
        assertEquals("none", pick(t, "192.0.2.1", "192.0.2.9"));
    }

    @Test
    void equalBestMatchesMustAgree() {
        SecretsTable same = table(
                "@a @b : PSK \"explicit\"",
                "@b @a : PSK \"explicit\"");
        assertEquals("explicit", pick(same, "@a", "@b"));

        SecretsTable differ = table(
                ": PSK \"default\"",
                "@a @b : PSK \"explicit\"",
                "@b @a : PSK \"other\"");
        SecretLookup<Secret> r = differ.lookupPsk(id("@a"), id("@b"));
        assertTrue(r.found().isEmpty(), "no silent choice between two distinct secrets");
        String d = r.diagnostic().orElseThrow();
        assertTrue(d.startsWith("multiple ipsec.secrets entries with distinct secrets match endpoints:"), d);
        assertTrue(d.contains("line 2") && d.contains("line 3"), d);
        assertFalse(d.contains("explicit") || d.contains("other"), d);
        assertTrue(differ.lookupPsk(id("@a"), id("@c")).diagnostic().isEmpty());
    }

    @Test
    void noMatchHasNoDiagnostic() {
        SecretLookup<Secret> r = table("@a @b : PSK \"x\"").lookupPsk(id("@c"), id("@d"));
        assertEquals(Optional.empty(), r.found());
        assertEquals(Optional.empty(), r.diagnostic());
    }

    @Test
    void rsaKeysAreNotPsks() {
        RsaPrivateKey k = SecretsFiles.rsaKey(1024, 65537, 7);
        SecretsTable t = table("@a : RSA {", SecretsFiles.rsaBlock(k, 'x'), "\t}");
        assertEquals(Optional.empty(), t.findPsk(id("@a"), id("@b")));
        assertEquals(k, t.findRsaPrivate(id("@a")).orElseThrow());
    }

    @Test
    void rsaLookupAllowsUsOnlyAmongSeveralIndices() {
        RsaPrivateKey k1 = SecretsFiles.rsaKey(1024, 65537, 1);
        RsaPrivateKey k2 = SecretsFiles.rsaKey(1024, 65537, 2);
        RsaPrivateKey k3 = SecretsFiles.rsaKey(1024, 65537, 3);
        SecretsTable t = table(
                ": RSA {", SecretsFiles.rsaBlock(k1, 'x'), "\t}",
                "@east.example 192.0.2.2 : RSA {", SecretsFiles.rsaBlock(k2, 's'), "\t}",
                "@east.example @west.example : RSA {", SecretsFiles.rsaBlock(k3, 'x'), "\t}");
        assertEquals(3, t.size());
        // asymmetric: us alone among two indices counts (our two names), unlike for PSK
        assertEquals(k2.n(), t.findRsaPrivate(id("192.0.2.2")).orElseThrow().n());
        assertEquals(k3.n(), t.findRsaPrivate(id("@east.example"), id("@west.example")).orElseThrow().n());
        assertEquals(k1.n(), t.findRsaPrivate(id("@north.example")).orElseThrow().n());
        // @east alone: two us-only records with different keys tie
        SecretLookup<RsaPrivateKey> tie = t.lookupRsaPrivate(id("@east.example"), null);
        assertTrue(tie.found().isEmpty());
        assertTrue(tie.diagnostic().isPresent());
    }

    @Test
    void myidIndicesFollowMyid() {
        SecretsTable t = table("%myid @peer : PSK \"explicit\"");
        assertEquals("none", pick(t, "@me.example", "@peer"));
        SecretsTable resolved = t.resolveMyId(id("@me.example"));
        assertEquals("explicit", pick(resolved, "@me.example", "@peer"));
        assertEquals("none", pick(resolved, "@other.example", "@peer"));
    }

    @Test
    void describeNamesIdsAndKindsOnly() {
        RsaPrivateKey k = SecretsFiles.rsaKey(1024, 3, 5);
        SecretsTable t = table(
                "@a @b : PSK \"topsecret\"",
                "@c : RSA {", SecretsFiles.rsaBlock(k, 'x'), "\t}");
        List<String> d = t.describe();
        String f = "\"" + dir.resolve("ipsec.secrets") + "\"";
        assertEquals(f + " line 1: PSK for @a @b", d.get(0));
        assertEquals(f + " line 2: RSA 1024 bits *" + k.publicKey().keyId() + " for @c", d.get(1));
        assertFalse(String.join("\n", d).contains("topsecret"));
        assertEquals("SecretsTable[2 entries]", t.toString());
    }
}
