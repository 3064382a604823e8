package org.jswan.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.wire.HashPayload;
import org.jswan.ike.wire.IdPayload;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.IsakmpMessage;
import org.jswan.ike.wire.KePayload;
import org.jswan.ike.wire.NoncePayload;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KE, nonce, authentication and encryption cases of security-and-users.md §A3.2: C-KE (in MI2,
 * MR2 and both PFS messages; an out-of-range value must cost no exponentiation, so no crypto job
 * may be started), nonce lengths, a wrong / short / empty PSK HASH_I or HASH_R, and M-ENC /
 * M-ENC-EARLY.
 */
class RobustKeyAuthTest {
    @TempDir
    Path dir;

    private static final BigInteger P = SessionKeys.GROUP.prime();

    /** The public values C-KE tries: 0, 1, p-1, p, p+1, all ones (named for the messages). */
    static Bytes value(String which) {
        switch (which) {
            case "0":
                return Bytes.zeros(256);
            case "1":
                return SessionKeys.fixed(BigInteger.ONE);
            case "p-1":
                return SessionKeys.fixed(P.subtract(BigInteger.ONE));
            case "p":
                return SessionKeys.fixed(P);
            case "p+1":
                return SessionKeys.fixed(P.add(BigInteger.ONE));
            case "all-ff":
                return ones(256);
            default:
                throw new IllegalArgumentException(which);
        }
    }

    static Bytes ones(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xff);
        return Bytes.copyOf(b);
    }

    private static Oracle.Result deliver(Exchange ex, int k, Bytes data, String ctx) {
        Oracle.Result r = Oracle.packet(ex.sim, ex.receiver(k), data, ex.from(k), ctx);
        Oracle.answersAtMostOnce(r, data, k == Exchange.MI1 || k == Exchange.MI2, ctx);
        return r;
    }

    /** Refused: logged, no crypto job, nothing sent unless {@code answers}, the states as they were; then the oracle. */
    private static Oracle.Result refused(Exchange ex, int k, Bytes data, String why, int answers, String ctx) {
        List<String> before = Oracle.kinds(ex.sim, ex.receiver(k));
        Oracle.Result r = deliver(ex, k, data, ctx);
        assertTrue(r.logged(why), ctx + ": expected \"" + why + "\" in " + r.log);
        assertEquals(0, r.jobs, ctx + ": a crypto job was started for a refused value: " + r.log);
        assertEquals(answers, r.sends.size(), ctx + ": " + r);
        assertEquals(before, Oracle.kinds(ex.sim, ex.receiver(k)), ctx + ": state changed");
        Oracle.settles(ex.sim, ex.receiver(k), Exchange.settled(k), k == Exchange.MI2 || k == Exchange.MI3, ctx);
        return r;
    }

    // ---- C-KE ----

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "p-1", "p", "p+1", "all-ff"})
    void anOutOfRangePublicValueInMainModeCostsNoExponentiation(String which) {
        for (int k : new int[] {Exchange.MI2, Exchange.MR2}) {
            Exchange ex = Exchange.upTo(dir, k);
            List<Payload> ps = Packets.payloads(ex.msg(k));
            Oracle.Result r = refused(ex, k, Packets.clear(ex.msg(k), Packets.with(ps, 0, new KePayload(value(which)))),
                    "INVALID_KEY_INFORMATION", 0, "C-KE " + which + " in " + Exchange.NAMES.get(k));
            assertTrue(r.logged("OAKLEY_GROUP_MODP2048 public value is"), r.log.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 128, 255, 257, 512, 4096})
    void aPublicValueOfTheWrongLength(int n) {
        for (int k : new int[] {Exchange.MI2, Exchange.MR2}) {
            Exchange ex = Exchange.upTo(dir, k);
            List<Payload> ps = Packets.payloads(ex.msg(k));
            refused(ex, k, Packets.clear(ex.msg(k), Packets.with(ps, 0, new KePayload(ones(n)))), "KE has " + n + " byte DH public value; 256 required", 0, "C-KE length " + n);
        }
    }

    @Test
    void theLargestAndSmallestValidPublicValuesAreAccepted() {
        for (BigInteger y : new BigInteger[] {BigInteger.TWO, P.subtract(BigInteger.TWO)}) {
            Exchange ex = Exchange.upTo(dir, Exchange.MI2);
            List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI2));
            Oracle.Result r = deliver(ex, Exchange.MI2, Packets.clear(ex.msg(Exchange.MI2),
                    Packets.with(ps, 0, new KePayload(SessionKeys.fixed(y)))), "C-KE boundary");
            assertEquals(1, r.sends.size(), r.log.toString());
            assertEquals(List.of("#1: STATE_MAIN_R2"), Oracle.kinds(ex.sim, ex.east));
            Oracle.settles(ex.sim, ex.east, 0, true, "C-KE boundary");
        }
    }

    private static List<Payload> decrypted(Exchange ex, int k) {
        return ex.keys().payloads(ex.msg(k), RobustPayloadTest.ivOf(ex, ex.keys(), k));
    }

    private static Bytes niOfQi1(Exchange ex) {
        return decrypted(ex, Exchange.QI1).stream().filter(p -> p instanceof NoncePayload)
                .map(p -> ((NoncePayload) p).nonce()).findFirst().orElseThrow();
    }

    /** QI1 (or QR1) with its KE replaced, behind a valid HASH. */
    private static Bytes quickWith(Exchange ex, int k, java.util.function.UnaryOperator<Payload> change) {
        List<Payload> rest = decrypted(ex, k);
        rest.remove(0);
        List<Payload> changed = new ArrayList<>();
        for (Payload p : rest) {
            changed.add(change.apply(p));
        }
        return k == Exchange.QI1 ? ex.keys().qi1(ex.msg(Exchange.MR3), ex.msg(Exchange.QI1), changed)
                : ex.keys().qr1(ex.msg(Exchange.QI1), niOfQi1(ex), ex.msg(Exchange.QR1), changed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "p-1", "p", "all-ff"})
    void anOutOfRangePfsValueCostsNoExponentiation(String which) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        refused(ex, Exchange.QI1, quickWith(ex, Exchange.QI1, p -> p instanceof KePayload ? new KePayload(value(which)) : p),
                "INVALID_KEY_INFORMATION", 1, "C-KE PFS " + which + " in QI1");
        Exchange qr = Exchange.upTo(dir, Exchange.QR1);
        refused(qr, Exchange.QR1, quickWith(qr, Exchange.QR1, p -> p instanceof KePayload ? new KePayload(value(which)) : p),
                "INVALID_KEY_INFORMATION", 0, "C-KE PFS " + which + " in QR1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 255, 257})
    void aPfsValueOfTheWrongLength(int n) {
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        refused(ex, Exchange.QI1, quickWith(ex, Exchange.QI1, p -> p instanceof KePayload ? new KePayload(ones(n)) : p),
                "KE has " + n + " byte DH public value; 256 required", 1, "C-KE PFS length " + n);
    }

    // ---- nonces ----

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 257, 1000, 65000})
    void aNonceOfTheWrongLengthIsRefusedBeforeAnyCrypto(int n) {
        for (int k : new int[] {Exchange.MI2, Exchange.MR2}) {
            Exchange ex = Exchange.upTo(dir, k);
            List<Payload> ps = Packets.payloads(ex.msg(k));
            refused(ex, k, Packets.clear(ex.msg(k), Packets.with(ps, 1, new NoncePayload(Bytes.zeros(n)))),
                    (k == Exchange.MI2 ? "Ni" : "Nr") + " length not between 8 and 256", 0, "nonce " + n);
        }
        if (n > 1000) {
            return; // a QM message cannot grow that much within one ISAKMP SA test here
        }
        Exchange ex = Exchange.upTo(dir, Exchange.QI1);
        refused(ex, Exchange.QI1, quickWith(ex, Exchange.QI1, p -> p instanceof NoncePayload ? new NoncePayload(Bytes.zeros(n))
                : p), "Ni length not between 8 and 256", 1, "QM nonce " + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 256})
    void aNonceAtEitherLimitIsAccepted(int n) {
        Exchange ex = Exchange.upTo(dir, Exchange.MI2);
        List<Payload> ps = Packets.payloads(ex.msg(Exchange.MI2));
        Oracle.Result r = deliver(ex, Exchange.MI2, Packets.clear(ex.msg(Exchange.MI2),
                Packets.with(ps, 1, new NoncePayload(Bytes.zeros(n)))), "nonce " + n);
        assertEquals(1, r.sends.size(), r.log.toString());
        Oracle.settles(ex.sim, ex.east, 0, true, "nonce " + n);
    }

    // ---- PSK HASH_I / HASH_R ----

    private static Bytes phase1With(Exchange ex, int k, Bytes hash) {
        List<Payload> ps = decrypted(ex, k);
        return ex.keys().frame(SessionKeys.header(ex.msg(k)), Packets.with(ps, 1, new HashPayload(hash)),
                RobustPayloadTest.ivOf(ex, ex.keys(), k));
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI3, Exchange.MR3})
    void aWrongShortOrEmptyHashAuthenticatesNothing(int k) {
        Exchange probe = Exchange.upTo(dir, k);
        IdPayload id = (IdPayload) decrypted(probe, k).get(0);
        Bytes right = k == Exchange.MI3 ? probe.keys().hashI(id) : probe.keys().hashR(id);
        Bytes flipped = Packets.withByte(right, 31, right.get(31) ^ 1);
        for (Bytes h : List.of(flipped, right.slice(0, 31), right.slice(0, 16), Bytes.EMPTY, right.concat(Bytes.of(0)),
                Bytes.zeros(32))) {
            Exchange ex = Exchange.upTo(dir, k);
            refused(ex, k, phase1With(ex, k, h), "received Hash Payload does not match computed value", 0,
                    "PSK HASH " + h.length() + " bytes in " + Exchange.NAMES.get(k));
            assertTrue(ex.receiver(k).logged("INVALID_HASH_INFORMATION"));
            assertTrue(Oracle.kinds(ex.sim, ex.receiver(k)).isEmpty(), "no SA");
        }
        // positive control: the right hash, framed the same way, is accepted
        Exchange ok = Exchange.upTo(dir, k);
        deliver(ok, k, phase1With(ok, k, right), "PSK HASH control");
        assertTrue(ok.receiver(k).logged("ISAKMP SA established"), ok.receiver(k).log.toString());
        Oracle.settles(ok.sim, ok.receiver(k), 1, false, "PSK HASH control");
    }

    // ---- M-ENC / M-ENC-EARLY ----

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI3, Exchange.MR3, Exchange.QI1, Exchange.QR1, Exchange.QI2, Exchange.INFO})
    void ciphertextThatIsNotWholeBlocks(int k) {
        Exchange ex = Exchange.upTo(dir, k);
        Bytes m = ex.msg(k);
        for (int cut : new int[] {1, 15, 17}) {
            Bytes shorter = m.slice(0, m.length() - cut);
            refused(ex, k, Packets.withU32(shorter, 24, shorter.length()), "not a multiple of encryption blocksize", 0,
                    "M-ENC cut " + cut + " " + Exchange.NAMES.get(k));
            ex = Exchange.upTo(dir, k);
        }
        Bytes header = m.slice(0, 28);
        refused(ex, k, Packets.withU32(header, 24, 28), "not a multiple of encryption blocksize", 0,
                "M-ENC empty " + Exchange.NAMES.get(k));
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI3, Exchange.MR3})
    void randomCiphertextOrAWrongIvIsAnAuthenticationFailure(int k) {
        Exchange ex = Exchange.upTo(dir, k);
        Bytes m = ex.msg(k);
        byte[] junk = new byte[m.length() - 28];
        new Random(k).nextBytes(junk);
        refused(ex, k, m.slice(0, 28).concat(Bytes.copyOf(junk)), "probable authentication failure (mismatch of preshared"
                + " secrets?)", 0, "M-ENC random " + Exchange.NAMES.get(k));
        Exchange iv = Exchange.upTo(dir, k);
        List<Payload> ps = decrypted(iv, k);
        Bytes wrongIv = iv.keys().frame(SessionKeys.header(m), ps, Bytes.zeros(16));
        refused(iv, k, wrongIv, "probable authentication failure (mismatch of preshared secrets?)", 0,
                "M-ENC wrong IV " + Exchange.NAMES.get(k));
    }

    @Test
    void aMessageEncryptedUnderAnotherPskIsAnAuthenticationFailure() {
        Exchange ex = Exchange.upTo(dir, Exchange.MI3);
        SessionKeys wrong = SessionKeys.recover(ex.msg(Exchange.MI1), ex.msg(Exchange.MI2), ex.msg(Exchange.MR2),
                ex.westRng.draws, "not the secret");
        List<Payload> ps = decrypted(ex, Exchange.MI3);
        refused(ex, Exchange.MI3, wrong.frame(SessionKeys.header(ex.msg(Exchange.MI3)), ps, wrong.mi3Iv),
                "probable authentication failure (mismatch of preshared secrets?)", 0, "wrong PSK");
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MR1, Exchange.MI2, Exchange.MR2})
    void anEncryptedMessageBeforeThereAreKeys(int k) {
        Exchange ex = Exchange.upTo(dir, k);
        refused(ex, k, Packets.withFlags(ex.msg(k), IsakmpHeader.FLAG_ENCRYPTION),
                "packet rejected: encrypted before keys were available", 0, "M-ENC-EARLY " + Exchange.NAMES.get(k));
    }

    @ParameterizedTest
    @ValueSource(ints = {Exchange.MI3, Exchange.MR3, Exchange.QI1, Exchange.QR1, Exchange.QI2})
    void aMessageThatShouldHaveBeenEncrypted(int k) {
        Exchange ex = Exchange.upTo(dir, k);
        List<Payload> ps = decrypted(ex, k);
        IsakmpHeader h = SessionKeys.header(ex.msg(k)).withFlags(0);
        Bytes clear = IsakmpMessage.encodeWithBody(h, ps.get(0).type(), PayloadChain.encode(ps));
        refused(ex, k, clear, "packet rejected: should have been encrypted", 0, "clear " + Exchange.NAMES.get(k));
    }

    @Test
    void randomCiphertextForQuickModeCreatesNothing() {
        for (int k : new int[] {Exchange.QI1, Exchange.QR1, Exchange.QI2}) {
            Exchange ex = Exchange.upTo(dir, k);
            Bytes m = ex.msg(k);
            byte[] junk = new byte[m.length() - 28];
            new Random(k).nextBytes(junk);
            refused(ex, k, m.slice(0, 28).concat(Bytes.copyOf(junk)), "malformed payload in packet", 0,
                    "M-ENC random " + Exchange.NAMES.get(k));
        }
    }
}
