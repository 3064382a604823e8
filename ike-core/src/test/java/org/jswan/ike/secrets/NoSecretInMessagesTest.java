package org.jswan.ike.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.engine.Input;
import org.jswan.ike.text.TextFormException;
import org.jswan.ike.text.TextForms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference security A0 row 6: FreeS/WAN logged {@code PSK data malformed (%s): <token>}. Every
 * message jswan produces for a bad secret is scanned here for the secret's text.
 */
class NoSecretInMessagesTest {
    /** Marker carried by every secret below, in the forms it may take in a message. */
    private static final String MARK = "Zq7Sekrit";
    private static final String MARK_HEX = "5a713753656b726974"; // MARK in hex
    private static final String MARK_B64 = "WnE3U2Vrcml0"; // MARK in base64

    @TempDir
    Path dir;

    private static List<String> leaks(String text) {
        List<String> found = new ArrayList<>();
        String lower = text.toLowerCase();
        for (String m : List.of(MARK, MARK_HEX, MARK_B64)) {
            if (lower.contains(m.toLowerCase())) {
                found.add(m);
            }
        }
        return found;
    }

    @Test
    void scannerFindsTheMarker() {
        assertEquals(List.of(MARK), leaks("PSK data malformed (x): 0t" + MARK));
        assertEquals(List.of(MARK_HEX), leaks("0x" + MARK_HEX.toUpperCase()));
        assertEquals(List.of(MARK_B64), leaks("0s" + MARK_B64 + "=="));
    }

    @Test
    void brokenSecretsFileNeverEchoesASecret() {
        RsaPrivateKey k = SecretsFiles.rsaKey(1024, 65537, 31);
        String good = SecretsFiles.rsaBlock(k, 'x');
        String[] records = {
            "@a @b : PSK " + MARK, // unquoted
            "@a @b : PSK 0x" + MARK_HEX + "z", // bad hex
            "@a @b : PSK 0x" + MARK_HEX + "_", // bad hex punctuation
            "@a @b : PSK 0x" + MARK_HEX + "0", // odd digit count
            "@a @b : PSK 0s" + MARK_B64 + "A", // bad base64 length
            "@a @b : PSK 0s" + MARK_B64 + "!!!!", // bad base64 character
            "@a @b : PSK 0s" + MARK_B64 + "x===", // bad padding
            "@a @b : " + MARK, // unrecognized key format
            "@a @b : psk \"" + MARK + "\" trailing" + MARK, // junk after the key
            "@a @b : PSK \"" + MARK, // unterminated
            "@a @b " + MARK, // secret without quotes or colon: all taken as indices
            "@a @b " + MARK + " 10.0.0.1", // same, with a later index
            "@a @b : PSK \"x\" \"" + MARK + "\"", // two keys
            "@a : RSA {\n" + good.replaceAll("\tPrime1: .*\n", "\tPrime1: 0x" + MARK_HEX + "q\n") + "\t}",
            "@a : RSA {\n" + good.replaceAll("\tPrime1: .*\n", "\t" + MARK + ": 0x01\n") + "\t}",
            "@a : RSA {\n" + good + "\t} " + MARK,
            "@a : RSA " + MARK + " {\n" + good + "\t}",
        };
        Input.SecretsLoad r = SecretsFiles.load(dir, String.join("\n", records) + "\n@ok @ok2 : PSK \"fine\"\n");
        List<String> messages = new ArrayList<>();
        r.notes().forEach(n -> messages.add(n.text()));
        messages.addAll(r.table().describe());
        messages.add(r.table().toString());
        assertEquals(records.length + 1, r.notes().size(), String.join("\n", messages));
        assertEquals(1, r.table().size());
        for (String m : messages) {
            assertEquals(List.of(), leaks(m), m);
        }
    }

    @Test
    void inconsistentRsaKeyMessagesShowNoKeyNumbers() {
        RsaPrivateKey k = SecretsFiles.rsaKey(1024, 65537, 32);
        RsaPrivateKey bad = new RsaPrivateKey(k.n(), k.e(), k.d(), k.p(), k.q(), k.dP(), k.dQ(),
                k.qInv().add(BigInteger.ONE));
        Input.SecretsLoad r = SecretsFiles.load(dir, "@a : RSA {\n" + SecretsFiles.rsaBlock(bad, 's') + "\t}\n");
        String all = String.join("\n", SecretsFiles.errors(r)) + bad;
        for (BigInteger secret : List.of(k.d(), k.p(), k.q(), k.dP(), k.dQ(), bad.qInv())) {
            for (char f : new char[] {'x', 's', (char) 16, (char) 64}) {
                String t = SecretsFiles.text(secret, f);
                assertFalse(all.contains(t.substring(Math.min(2, t.length() - 8), Math.min(t.length(), 20))), t);
            }
            assertFalse(all.contains(secret.toString().substring(0, 12)));
        }
        assertTrue(all.contains("qInv is not congruent to (q^-1) mod p"));
    }

    @Test
    void exceptionMessagesCarryNoSecret() {
        List<String> messages = new ArrayList<>();
        for (String text : List.of(MARK, "0x" + MARK_HEX + "g", "0s" + MARK_B64 + "=", "0q" + MARK,
                "0x" + MARK_HEX + "__00", "0s" + MARK_B64 + "A=A=")) {
            messages.add(assertThrows(TextFormException.class, () -> TextForms.ttodata(text)).getMessage());
            messages.add(assertThrows(KeyFormatException.class, () -> RsaPublicKeyBlob.decodeText(text)).getMessage());
        }
        messages.add(new PreSharedKey(org.jswan.ike.base.Secret.copyOf(MARK.getBytes(
                java.nio.charset.StandardCharsets.US_ASCII))).toString());
        for (String m : messages) {
            assertEquals(List.of(), leaks(m), m);
        }
    }
}
