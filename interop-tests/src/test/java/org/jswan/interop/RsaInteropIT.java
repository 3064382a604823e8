package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4's interop requirement: Main Mode with RSA signatures against charon using raw public
 * keys ({@code auth = pubkey}, {@code pubkeys = ...}, {@code send_cert = never},
 * {@code send_certreq = no}), jswan's connection {@code --rsasig --encrypt}, IDs the two
 * addresses, subnet to subnet 198.51.100.0/24 ↔ 203.0.113.0/24.
 *
 * <p>Keys: jswan's come from its own {@code ipsec rsasigkey 2048} and {@code 3072}, go into its
 * ipsec.secrets as {@code : RSA { ... }} (re-read with {@code whack --listen}) and reach charon as
 * PEM converted here; charon's comes from {@code pki --gen} (2048 bits) and reaches jswan as
 * {@code whack --keyid 192.0.2.2 --pubkeyrsa 0s...} converted here ({@link RsaKeys}).
 *
 * <p>A pass is issue 3's (charon ESTABLISHED + INSTALLED TUNNEL-in-UDP, jswan STATE_QUICK_I2 or
 * STATE_QUICK_R2 with the same SPIs) plus: jswan logs "authenticated using RSA with *KEYID" for
 * charon's key, charon logs RSA authentication of 192.0.2.1, every Phase 1 transform on the wire
 * has authentication method 3 (RSA signatures), and the decrypted SIG payloads are as long as
 * each side's modulus. With a wrong public key for charon, jswan must log "Signature check (on
 * 192.0.2.2) failed (wrong key?); tried *KEYID" and no SA may come up. After every test the base
 * class checks that tshark finds nothing malformed in what jswan sent.
 */
@Interop(jswan = true)
@EnabledIfSystemProperty(named = "jswan.natt", matches = "true",
        disabledReason = "needs NAT-T: issue 3 (run with -Djswan.natt=true once jswan floats to 4500)")
class RsaInteropIT extends JswanScenarios {
    static final int CHARON_BITS = 2048;
    static final String CHARON_PRIVATE = "charon.key.pem";
    static final String CHARON_PUBLIC = "charon.pub.pem";
    /** charon's log when jswan's signature verified (RSA_EMSA_PKCS1_NULL: IKEv1's bare PKCS#1 block). */
    static final String CHARON_VERIFIED = "authentication of '" + Testbed.LEFT_IP + "' with RSA_EMSA_PKCS1_NULL successful";

    static final Map<Integer, RsaKeys.JswanKey> JSWAN_KEYS = new TreeMap<>();
    static RsaKeys.CharonKey charonKey;
    /** A second pki key that charon never has: "the wrong key" jswan is given for charon. */
    static RsaKeys.CharonKey wrongKey;
    /** Which of JSWAN_KEYS is in jswan's ipsec.secrets now (0: still the base class's PSK file). */
    static int secretsBits;

    private final List<String> rsaConns = new ArrayList<>();

    /**
     * Runs after the base class started the testbed, charon and jswan (PSK secrets): makes the
     * keys (the two rsasigkey runs in the background while pki makes charon's and the wrong one)
     * and checks the conversions agree with what each tool printed itself.
     */
    @BeforeAll
    static void makeKeys() {
        if (Prerequisites.onPath("pki") == null) {
            Prerequisites.require(List.of("`pki` on PATH (strongswan-pki)"));
        }
        long t0 = System.nanoTime();
        Path keys = dir.resolve("keys");
        CompletableFuture<RsaKeys.JswanKey> k2048 = CompletableFuture.supplyAsync(() -> RsaKeys.rsasigkey(2048));
        CompletableFuture<RsaKeys.JswanKey> k3072 = CompletableFuture.supplyAsync(() -> RsaKeys.rsasigkey(3072));
        secretsBits = 0;
        charonKey = RsaKeys.pki(CHARON_BITS, keys.resolve(CHARON_PRIVATE));
        // the failure check names the key by its 9-character ID: the wrong key must not share it
        for (int i = 0; i < 3 && (wrongKey == null || wrongKey.keyId().equals(charonKey.keyId())); i++) {
            wrongKey = RsaKeys.pki(CHARON_BITS, keys.resolve("not-charons.key.pem"));
        }
        for (RsaKeys.JswanKey k : List.of(k2048.join(), k3072.join())) {
            JSWAN_KEYS.put(k.bits(), k);
            write(keys.resolve("jswan-" + k.bits() + ".rsasigkey"), String.join("\n", k.output()) + "\n");
            write(keys.resolve("jswan-" + k.bits() + ".pub.pem"), k.pem());
            assertEquals(k.bits(), k.publicKey().getModulus().bitLength(), "rsasigkey " + k.bits() + ": modulus size");
            assertTrue(k.pubkeyComment() != null, "rsasigkey prints #pubkey=0s...:\n" + String.join("\n", k.output()));
            assertEquals(k.publicKey(), RsaKeys.fromText(k.pubkeyComment()),
                    "rsasigkey's #pubkey= blob and its Modulus/PublicExponent lines are the same key");
            assertEquals(k.publicKey(), RsaKeys.fromPem(k.pem()), "the PEM written for charon reads back");
        }
        assertEquals(CHARON_BITS, charonKey.publicKey().getModulus().bitLength(), "pki's key size");
        assertEquals(charonKey.publicKey(), RsaKeys.fromText(charonKey.pubkeyRsa()), "the 0s... blob reads back");
        assertFalse(charonKey.keyId().equals(wrongKey.keyId()), "the wrong key has another key ID");
        System.out.printf("RsaInteropIT: keys made in %d ms (jswan %s, charon *%s, wrong *%s)%n",
                (System.nanoTime() - t0) / 1_000_000, JSWAN_KEYS.keySet(), charonKey.keyId(), wrongKey.keyId());
    }

    @AfterEach
    void deleteRsaConnections() {
        // runs before the base class's @AfterEach (terminate charon, check both empty, tshark)
        for (String c : rsaConns) {
            jswan.whack("--delete", "--name", c);
        }
        rsaConns.clear();
    }

    // --- the scenarios ------------------------------------------------------------------------

    @ParameterizedTest(name = "jswan key {0} bits")
    @ValueSource(ints = {2048, 3072})
    void jswan_initiates(int bits) {
        useJswanKey(bits);
        giveJswanKeyForCharon(charonKey);
        loadCharonRsa(bits, charonResponder());
        addRsaConn(WhackConn.subnets(conn));

        jswanInitiates();

        requireRsaAuthenticated(bits, requireEstablished("net", "STATE_QUICK_I2"));
    }

    @ParameterizedTest(name = "jswan key {0} bits")
    @ValueSource(ints = {2048, 3072})
    void charon_initiates(int bits) {
        useJswanKey(bits);
        giveJswanKeyForCharon(charonKey);
        loadCharonRsa(bits, charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addRsaConn(WhackConn.subnets(conn));

        charonInitiates("net");

        requireRsaAuthenticated(bits, requireEstablished("net", "STATE_QUICK_R2"));
    }

    /**
     * charon initiates; jswan holds a wrong key for 192.0.2.2, so MI3's signature fails: jswan
     * names the key it tried, never reaches STATE_MAIN_R3, and neither side has an SA.
     */
    @Test
    void wrong_key_for_charon_jswan_responding_refuses_charons_signature() {
        useJswanKey(2048);
        giveJswanKeyForCharon(wrongKey);
        loadCharonRsa(2048, charonConn(Proposals.Ike.AES128_SHA1_MODP2048.name).child(subnetChild("aes128-sha1")));
        addRsaConn(WhackConn.subnets(conn));

        Exec.Result r = charon.initiate("net", CHARON_IKE, Duration.ofSeconds(5));

        assertFalse(r.ok(), "charon's initiate must fail:\n" + r.describe());
        requireSignatureFailureLogged();
        requireNoSa(false);
    }

    /**
     * jswan initiates with a wrong key for 192.0.2.2: MR3's signature fails, jswan logs it and
     * keeps no ISAKMP SA; charon (which verified jswan and sent MR3) gets no CHILD_SA.
     */
    @Test
    void wrong_key_for_charon_jswan_initiating_refuses_charons_signature() {
        useJswanKey(3072);
        giveJswanKeyForCharon(wrongKey);
        loadCharonRsa(3072, charonResponder());
        addRsaConn(WhackConn.subnets(conn).keyingTries(1));

        jswan.whack("--name", conn, "--initiate", "--asynchronous").requireOk();

        requireSignatureFailureLogged();
        assertFalse(charonLog(CHARON_VERIFIED).isEmpty(), "charon did verify jswan's signature (its key is right)");
        requireNoSa(true);
    }

    // --- keys ---------------------------------------------------------------------------------

    /** Puts jswan's {@code bits} key (rsasigkey output in {@code : RSA { }}) in ipsec.secrets, re-reads it. */
    void useJswanKey(int bits) {
        if (secretsBits == bits) {
            return;
        }
        RsaKeys.JswanKey k = JSWAN_KEYS.get(bits);
        Path secrets = jswan.dir().resolve("ipsec.secrets");
        write(secrets, "# RsaInteropIT: jswan's " + bits + "-bit key from ipsec rsasigkey, for every ID of ours\n"
                + k.secretsEntry());
        Exec.Result r = jswan.whack("--listen").requireOk();
        assertTrue(r.text().contains("loading secrets from \"" + secrets + "\"")
                && r.lines().stream().noneMatch(l -> l.startsWith("003 ")), "ipsec.secrets re-read without errors (RC 3):\n"
                + r.describe());
        secretsBits = bits;
    }

    /** {@code whack --keyid 192.0.2.2 --pubkeyrsa 0s...} (replacing any key it had); --status lists it. */
    void giveJswanKeyForCharon(RsaKeys.CharonKey k) {
        Exec.Result r = jswan.whack("--keyid", Testbed.RIGHT_IP, "--pubkeyrsa", k.pubkeyRsa()).requireOk();
        assertTrue(r.text().contains("keyid *" + k.keyId()), "whack names the key ID *" + k.keyId() + ":\n"
                + r.describe());
        List<String> status = jswan.status();
        List<String> listed = status.stream().filter(l -> l.contains(" RSA key *")).toList();
        assertEquals(1, listed.size(), "one public key known (--keyid without --addkey replaces):\n"
                + String.join("\n", status));
        assertTrue(listed.get(0).contains(Testbed.RIGHT_IP + ": " + CHARON_BITS + " RSA key *" + k.keyId()),
                "whack --status lists charon's key: " + listed.get(0));
    }

    /**
     * charon as responder (start_action none): it accepts every suite of issue 3 (as in
     * JswanInitiatesIT), AES128-SHA1-MODP2048 and ESP AES128-SHA1 first, so that a jswan
     * offering it gets it (charon takes the first of its own proposals that was offered).
     */
    static SwanctlConf.Conn charonResponder() {
        return charonConn(aes128First(JswanInitiatesIT.charonAcceptsAllIke(), Proposals.Ike.AES128_SHA1_MODP2048.name))
                .child(subnetChild(aes128First(JswanInitiatesIT.charonAcceptsAllEsp(), Proposals.Esp.AES128_SHA1.name)));
    }

    private static String[] aes128First(String[] all, String first) {
        List<String> l = new ArrayList<>(List.of(all));
        l.remove(first);
        l.add(0, first);
        return l.toArray(String[]::new);
    }

    /** charon's configuration: {@code c} with raw RSA keys, charon's from pki, jswan's {@code bits} one as PEM. */
    static void loadCharonRsa(int bits, SwanctlConf.Conn c) {
        String jswanPub = "jswan-" + bits + ".pub.pem";
        SwanctlConf conf = new SwanctlConf().add(c.pubkey(CHARON_PUBLIC, jswanPub))
                .privateKey(CHARON_PRIVATE, charonKey.privatePem())
                .publicKey(CHARON_PUBLIC, charonKey.publicPem())
                .publicKey(jswanPub, JSWAN_KEYS.get(bits).pem());
        String text = conf.render();
        assertTrue(text.contains("auth = pubkey") && text.contains("send_cert = never")
                && text.contains("send_certreq = no"), text);
        charonConf = conf;
        charon.load(conf);
    }

    /** Adds {@code c} with {@code --rsasig} instead of {@code --psk}: "--rsasig --encrypt", IDs the addresses. */
    void addRsaConn(WhackConn c) {
        List<String> args = new ArrayList<>(c.args());
        int psk = args.indexOf("--psk");
        assertTrue(psk >= 0, "WhackConn writes --psk: " + args);
        args.set(psk, "--rsasig");
        rsaConns.add(c.name());
        Exec.Result r = jswan.whack(args.toArray(String[]::new));
        if (!r.ok()) {
            throw new AssertionError("whack could not add connection \"" + c.name() + "\":\n" + r.describe());
        }
        List<String> desc = jswan.status().stream().filter(l -> l.contains("\"" + c.name() + "\"")
                && l.contains("policy:")).toList();
        assertTrue(desc.stream().anyMatch(l -> l.contains("RSASIG") && !l.contains("PSK")),
                "jswan's connection is RSASIG only:\n" + String.join("\n", desc));
    }

    // --- checks -------------------------------------------------------------------------------

    /**
     * Both sides authenticated with RSA: jswan's and charon's log lines, auth method 3 in every
     * Phase 1 transform, and SIG payloads (decrypted with charon's Ka) of each modulus's length.
     */
    void requireRsaAuthenticated(int jswanBits, SwanctlSas.IkeSa ike) {
        assertFalse(jswanLog("authenticated using RSA with *" + charonKey.keyId()).isEmpty(),
                "jswan: \"authenticated using RSA with *" + charonKey.keyId() + "\" in its log:\n"
                        + String.join("\n", jswanLog("")));
        assertFalse(charonLog(CHARON_VERIFIED).isEmpty(), "charon: \"" + CHARON_VERIFIED + "\"");

        Path pcap = stopCapture();
        List<Tshark.Key> keys = keys();
        assertEquals(1, keys.size(), "one ISAKMP SA, decrypted with charon's Ka");
        List<List<String>> auth = Tshark.fields(pcap, "isakmp.exchangetype == 2 && isakmp.ike.attr.authentication_method",
                List.of(), "ip.src", "isakmp.ike.attr.authentication_method");
        assertEquals(2, auth.size(), "MM1 and MM2 carry the SA: " + auth);
        for (List<String> row : auth) {
            assertTrue(List.of(row.get(1).split(",")).stream().allMatch(m -> m.equals("3")),
                    "every Phase 1 transform from " + row.get(0) + " says RSA signatures (3): " + row);
        }
        Map<String, Integer> sigBytes = new TreeMap<>();
        for (List<String> row : Tshark.fields(pcap, "isakmp.exchangetype == 2 && isakmp.sig", keys, "ip.src",
                "isakmp.sig")) {
            sigBytes.put(row.get(0), row.get(1).replace(":", "").length() / 2);
        }
        assertEquals(Map.of(Testbed.LEFT_IP, jswanBits / 8, Testbed.RIGHT_IP, CHARON_BITS / 8), sigBytes,
                "SIG payload sizes (bytes) by sender: jswan's " + jswanBits + "-bit key, charon's " + CHARON_BITS);
        SwanctlSas.ChildSa child = ike.child("net").orElseThrow();
        System.out.printf("RsaInteropIT %s: IKE %s, %s, SPIs in %08x out %08x, SIG bytes %s%n", conn, ike.proposal(),
                child.proposal(), child.spiIn(), child.spiOut(), sigBytes);
    }

    /** jswan's log: "Signature check (on 192.0.2.2) failed (wrong key?); tried *WRONG" and no success. */
    void requireSignatureFailureLogged() {
        String expected = "Signature check (on " + Testbed.RIGHT_IP + ") failed (wrong key?); tried *" + wrongKey.keyId();
        Optional<String> line = jswan.log().await(jswanMark, Duration.ofSeconds(15), l -> l.contains(expected));
        assertTrue(line.isPresent(), "jswan logs \"" + expected + "\":\n" + String.join("\n", jswanLog("")));
        assertTrue(jswanLog("authenticated using RSA").isEmpty(), "no RSA success in jswan's log");
    }

    /**
     * jswan has no ISAKMP or IPsec SA, charon no CHILD_SA; charon's IKE SA is not ESTABLISHED
     * either unless {@code charonResponded} (an IKEv1 responder is done once it sent MR3).
     */
    void requireNoSa(boolean charonResponded) {
        assertTrue(jswanLog("ISAKMP SA established").isEmpty(), "jswan established no ISAKMP SA:\n"
                + String.join("\n", jswanLog("")));
        List<JswanStatus.State> states = JswanStatus.states(jswan.status());
        assertTrue(states.stream().noneMatch(s -> s.kind().equals("STATE_MAIN_R3") || s.kind().equals("STATE_MAIN_I4")
                || s.kind().startsWith("STATE_QUICK")), "jswan's states: " + states);
        assertTrue(jswan.ipsecSas().isEmpty(), "no IPsec SA in jswan");
        List<SwanctlSas.IkeSa> sas = charon.listSas();
        assertTrue(sas.stream().allMatch(s -> s.children().isEmpty()), "no CHILD_SA in charon:\n"
                + charon.listSasText());
        if (!charonResponded) {
            assertTrue(sas.stream().noneMatch(SwanctlSas.IkeSa::established), "no ESTABLISHED IKE SA in charon:\n"
                    + charon.listSasText());
        }
        Tshark.Report report = jswanSentPackets0();
        assertTrue(report.frames() > 0, "the capture has jswan's packets");
        report.assertClean();
        System.out.println("RsaInteropIT: charon's IKE SAs after the failure: "
                + sas.stream().map(s -> s.name() + " " + s.state()).toList());
    }

    /** tshark's check of what jswan sent so far (stops the capture; the base class checks again). */
    private Tshark.Report jswanSentPackets0() {
        stopCapture();
        return jswanSentPackets();
    }

    private static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
