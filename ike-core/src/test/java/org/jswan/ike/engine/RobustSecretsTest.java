package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.jswan.ike.crypto.Ikev1Kdf;
import org.jswan.ike.whack.Debug;
import org.jswan.ike.whack.WhackMessage;
import org.jswan.ike.wire.KePayload;
import org.jswan.ike.wire.NoncePayload;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.SaPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never reach a log, a whack line, the status or an effect's text without
 * {@code --debug-private} (security-and-users.md §A3.7). Each scenario runs twice with the same
 * seeds, sending the same bytes: with {@code Debug.ALL | Debug.PRIVATE}, whose key dumps are
 * harvested — and checked against keys the test recomputes itself from the recording, so the
 * harvest is the truth and the scanner is shown to find them — and with {@code Debug.ALL}, in
 * which not one of them, nor the PSK as text, hex or base64, may appear anywhere.
 */
class RobustSecretsTest {
    static final long ALL = Debug.ALL;
    static final long PRIVATE = Debug.ALL | Debug.PRIVATE;

    @TempDir
    Path dir;

    /** One run: the exchange and every effect both engines returned. */
    record Run(Exchange ex, List<Effect> effects, List<String> status) {
        /** Every text the run produced: log and whack lines, status, each effect's own text. */
        List<String> texts() {
            List<String> out = new ArrayList<>();
            for (Sim.Node n : List.of(ex.west, ex.east)) {
                out.addAll(n.log);
                n.whackLines.values().forEach(out::addAll);
            }
            out.addAll(status);
            for (Effect e : effects) {
                out.add(String.valueOf(e));
                if (e instanceof Effect.Kernel k) {
                    out.add(k.request().describe());
                }
            }
            return out;
        }
    }

    private Run run(long debugging, String eastSecrets, Consumer<WhackMessage.Builder> tweak, Duration howLong) {
        Exchange ex = Exchange.ready(dir, debugging, eastSecrets, tweak);
        ex.sim.observed = new ArrayList<>();
        ex.sim.initiate(ex.west, "net");
        ex.sim.run(howLong);
        List<String> status = new ArrayList<>(ex.sim.status(ex.west));
        status.addAll(ex.sim.status(ex.east));
        WhackMessage.Builder t = WhackMessage.builder();
        t.terminate = true;
        t.name = "net";
        ex.sim.whack(ex.west, t.build());
        ex.sim.run(Duration.ofSeconds(1));
        Oracle.noInternalError("secrets run", ex.west, ex.east);
        return new Run(ex, ex.sim.observed, status);
    }

    private static final Pattern DUMP = Pattern.compile("(g\\^xy|SKEYID|SKEYID_[dae]|enc key) ([0-9a-f]{16,})$");
    private static final Pattern KEYMAT = Pattern.compile("KEYMAT in ([0-9a-f]{16,}) out ([0-9a-f]{16,})");

    /** The key material a private run printed, by what it was (first occurrence wins the name). */
    private static Map<String, String> harvest(Run r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : r.texts()) {
            Matcher m = DUMP.matcher(l);
            if (m.find()) {
                out.putIfAbsent(m.group(2), m.group(1));
            }
            Matcher k = KEYMAT.matcher(l);
            if (k.find()) {
                out.putIfAbsent(k.group(1), "KEYMAT in");
                out.putIfAbsent(k.group(2), "KEYMAT out");
            }
        }
        return out;
    }

    /** Ways a secret could be written: hex either case (and its first 16 bytes), base64, colon-separated. */
    private static List<String> forms(Bytes b) {
        String hex = b.toHex();
        List<String> out = new ArrayList<>(List.of(hex, hex.toUpperCase(Locale.ROOT),
                Base64.getEncoder().encodeToString(b.toArray())));
        if (hex.length() > 32) {
            out.add(hex.substring(0, 32));
            out.add(hex.substring(0, 32).toUpperCase(Locale.ROOT));
        }
        out.add(hex.substring(0, Math.min(hex.length(), 16)).replaceAll("(..)(?!$)", "$1:"));
        return out;
    }

    private static void noneIn(List<String> texts, Bytes secret, String what) {
        for (String form : forms(secret)) {
            for (String t : texts) {
                assertFalse(t.contains(form), what + " (as " + form + ") appears in: " + t);
            }
        }
    }

    private static List<Payload> quick(SessionKeys keys, Exchange ex, int k) {
        return keys.payloads(ex.msg(k), RobustPayloadTest.ivOf(ex, keys, k));
    }

    /** What the test computes on its own from the recording: Phase 1 keys and the first ESP SA's KEYMAT. */
    private static Map<String, Bytes> recomputed(Exchange ex, String psk) {
        SessionKeys keys = SessionKeys.recover(ex.msg(Exchange.MI1), ex.msg(Exchange.MI2), ex.msg(Exchange.MR2),
                ex.westRng.draws, psk);
        Map<String, Bytes> out = new LinkedHashMap<>();
        out.put("g^xy", keys.gxy);
        out.put("SKEYID", SessionKeys.hex(keys.keys.skeyid()));
        out.put("SKEYID_d", SessionKeys.hex(keys.keys.skeyidD()));
        out.put("SKEYID_a", SessionKeys.hex(keys.keys.skeyidA()));
        out.put("SKEYID_e", SessionKeys.hex(keys.keys.skeyidE()));
        out.put("enc key", SessionKeys.hex(keys.keys.encryptionKey()));
        out.put("initiator DH private", SessionKeys.fixed(keys.x).slice(256 - 32));
        if (ex.sim.sent.size() > Exchange.QR1 && ex.msg(Exchange.QI1).get(18) == 32 && ex.msg(Exchange.QR1).get(18) == 32) {
            List<Payload> qi1 = quick(keys, ex, Exchange.QI1);
            List<Payload> qr1 = quick(keys, ex, Exchange.QR1);
            Bytes giQ = first(qi1, KePayload.class).keyData();
            Bytes grQ = first(qr1, KePayload.class).keyData();
            BigInteger xq = SessionKeys.privateValueOf(giQ, ex.westRng.draws);
            Bytes gxyQ = SessionKeys.power(grQ, xq);
            Bytes ni = first(qi1, NoncePayload.class).nonce();
            Bytes nr = first(qr1, NoncePayload.class).nonce();
            long westSpi = first(qi1, SaPayload.class).proposals().get(0).spi().getU32(0);
            long eastSpi = first(qr1, SaPayload.class).proposals().get(0).spi().getU32(0);
            out.put("QM g^xy", gxyQ);
            for (long spi : new long[] {westSpi, eastSpi}) {
                // AES_CBC_256 (32) + HMAC_SHA2_256 (32)
                Secret km = Ikev1Kdf.keymat(keys.prf, keys.keys.skeyidD(), Secret.of(gxyQ), 3, spi, ni, nr, 64);
                out.put(String.format("KEYMAT 0x%08x", spi), SessionKeys.hex(km));
            }
        }
        return out;
    }

    private static <T extends Payload> T first(List<Payload> ps, Class<T> c) {
        return ps.stream().filter(c::isInstance).map(c::cast).findFirst().orElseThrow();
    }

    private static void psk(List<String> texts, String psk) {
        Bytes b = Bytes.copyOf(psk.getBytes(StandardCharsets.UTF_8));
        for (String t : texts) {
            assertFalse(t.contains(psk), "the PSK appears in: " + t);
        }
        noneIn(texts, b, "the PSK");
    }

    /** The scenario, run privately and not: same bytes; the private one shows the keys; the other shows none. */
    private void noSecretsWithoutPrivate(String eastSecrets, String eastPsk, Consumer<WhackMessage.Builder> tweak,
                                         Duration howLong, int minimumHarvest) {
        Run priv = run(PRIVATE, eastSecrets, tweak, howLong);
        Run plain = run(ALL, eastSecrets, tweak, howLong);
        assertEquals(priv.ex().sim.sent.size(), plain.ex().sim.sent.size());
        for (int i = 0; i < priv.ex().sim.sent.size(); i++) {
            assertEquals(priv.ex().sim.sent.get(i).data(), plain.ex().sim.sent.get(i).data(), "datagram " + i
                    + ": debugging must not change what is sent");
        }
        Map<String, String> shown = harvest(priv);
        assertTrue(shown.size() >= minimumHarvest, "--debug-private shows the keys (scanner works): " + shown.values());
        // (the AES-256 key is the first 32 bytes of a 32-byte SKEYID_e: the same value, harvested once)
        for (String name : List.of("g^xy", "SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e")) {
            assertTrue(shown.containsValue(name), name + " is dumped with --debug-private: " + shown.values());
        }
        // the harvest is the truth: what the test computes itself is among it
        for (Map.Entry<String, Bytes> e : recomputed(priv.ex(), Exchange.PSK_TEXT).entrySet()) {
            if (e.getKey().contains("private") || e.getKey().equals("QM g^xy")) {
                continue; // never dumped, even privately (still searched for below)
            }
            assertTrue(shown.containsKey(e.getValue().toHex()), e.getKey() + " recomputed but not shown privately");
        }
        List<String> texts = plain.texts();
        assertTrue(texts.size() > 50 && texts.stream().anyMatch(t -> t.startsWith("| ")), "Debug.ALL did log: " + texts.size());
        for (Map.Entry<String, String> e : shown.entrySet()) {
            noneIn(texts, Bytes.fromHex(e.getKey()), e.getValue() + " (shown with --debug-private)");
        }
        for (Map.Entry<String, Bytes> e : recomputed(plain.ex(), Exchange.PSK_TEXT).entrySet()) {
            noneIn(texts, e.getValue(), e.getKey());
        }
        psk(texts, Exchange.PSK_TEXT);
        psk(texts, eastPsk);
        psk(plain.status(), Exchange.PSK_TEXT);
        for (String secret : shown.keySet()) {
            for (String s : plain.status()) {
                assertFalse(s.contains(secret), "status shows " + shown.get(secret));
            }
        }
    }

    @Test
    void aFullNegotiationWithRekeysAndDeletesLogsNoSecretAtDebugAll() {
        noSecretsWithoutPrivate(Exchange.SECRETS, Exchange.PSK_TEXT, b -> {
            b.ikeLifetimeSeconds = 900;
            b.ipsecLifetimeSeconds = 600;
            b.rekeyMarginSeconds = 120;
            b.rekeyFuzzPercent = 0;
        }, Duration.ofSeconds(1000), 2 * 5 + 3 * 2);
    }

    @Test
    void aWrongPskFailureLogsNeitherPsk() {
        String other = "the-other-psk-Zq81";
        noSecretsWithoutPrivate("127.0.0.1 127.0.0.1 : PSK \"" + other + "\"\n", other, b -> { }, Duration.ofSeconds(200),
                6);
    }

    @Test
    void aMalformedSecretsLineIsReportedWithoutItsToken() throws Exception {
        String token = "unquoted-secret-token-77";
        Path secrets = dir.resolve("bad.secrets");
        Files.writeString(secrets, "127.0.0.1 127.0.0.1 : PSK \"" + token + "\n127.0.0.1 : PSK " + token + "\n");
        Exchange ex = Exchange.ready(dir, ALL, Files.readString(secrets), b -> { });
        List<String> texts = new ArrayList<>();
        for (Sim.Node n : List.of(ex.west, ex.east)) {
            texts.addAll(n.log);
            n.whackLines.values().forEach(texts::addAll);
        }
        assertTrue(texts.stream().anyMatch(t -> t.contains("line 1")), "the bad line is reported: " + texts);
        for (String t : texts) {
            assertFalse(t.contains(token), "the token is echoed: " + t);
        }
    }
}
