package org.jswan.ike.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jswan.ike.base.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the golden packets (the isakmpd habit): bit flips, byte sets,
 * truncation, extension and ±1 on length fields. Every mutant either decodes — and then
 * re-encodes to the very same bytes and describes within bounds — or is a
 * {@link MalformedMessageException}. Nothing else may escape.
 */
class MutationFuzzTest {
    private static final long SEED = 0x15a4_2408_3947L;
    private static final int MUTANTS = 20_000;

    @Test
    void cleartextMessages() {
        List<Bytes> seeds = new ArrayList<>();
        for (String cap : List.of(Captures.PSK, Captures.RSA)) {
            for (Captures.Frame f : Captures.frames(cap)) {
                if (f.plaintext() == null) {
                    seeds.add(f.datagram());
                }
            }
        }
        Stats s = run(seeds, SEED, this::checkMessage);
        System.out.println("cleartext mutants: " + s);
        assertTrue(s.byNotify.containsKey(NotifyType.BAD_PROPOSAL_SYNTAX), "mutants reach the SA body: " + s);
        assertEquals(MUTANTS, s.decoded + s.rejected);
        assertTrue(s.decoded > MUTANTS / 20, "mutants that still decode exercise re-encoding: " + s);
        assertTrue(s.rejected > MUTANTS / 2, s.toString());
    }

    @Test
    void decryptedBodies() {
        List<Bytes> seeds = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        for (String cap : List.of(Captures.PSK, Captures.RSA)) {
            for (Captures.Frame f : Captures.frames(cap)) {
                if (f.plaintext() != null) {
                    // keep the header in front so length-field offsets are found the same way
                    seeds.add(f.datagram().slice(0, IsakmpHeader.LENGTH).concat(f.plaintext()));
                }
            }
        }
        Stats s = run(seeds, SEED + 1, this::checkDecrypted);
        System.out.println("decrypted-body mutants: " + s);
        assertEquals(MUTANTS, s.decoded + s.rejected);
        assertTrue(s.decoded > MUTANTS / 20, s.toString());
    }

    interface Check {
        boolean decodes(Bytes mutant) throws MalformedMessageException;
    }

    static final class Stats {
        int decoded;
        int rejected;
        final java.util.Map<NotifyType, Integer> byNotify = new java.util.TreeMap<>();

        @Override
        public String toString() {
            return decoded + " decoded, " + rejected + " rejected " + byNotify;
        }
    }

    private Stats run(List<Bytes> seeds, long seed, Check check) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Stats s = new Stats();
        for (int i = 0; i < MUTANTS; i++) {
            Bytes original = seeds.get(rnd.nextInt(seeds.size()));
            Bytes mutant = mutate(original, rnd);
            try {
                check.decodes(mutant);
                s.decoded++;
            } catch (MalformedMessageException e) {
                assertTrue(e.detail().length() < 512, e.detail());
                s.rejected++;
                s.byNotify.merge(e.notifyType(), 1, Integer::sum);
            } catch (RuntimeException | AssertionError e) {
                fail("mutant #" + i + " " + mutant.toHex() + " threw " + e, e);
            }
        }
        return s;
    }

    private boolean checkMessage(Bytes mutant) throws MalformedMessageException {
        IsakmpMessage m = IsakmpMessage.decode(mutant);
        if (m.header().encrypted()) {
            assertEquals(mutant, IsakmpMessage.encodeWithBody(m.header(), m.header().nextPayload(),
                    IsakmpMessage.encryptedBody(mutant)));
        } else {
            assertEquals(mutant, m.encode(), "decoding is canonical");
            assertEquals(m, IsakmpMessage.decode(m.encode()));
        }
        describeWithinBounds(m);
        return true;
    }

    private boolean checkDecrypted(Bytes mutant) throws MalformedMessageException {
        if (mutant.length() < IsakmpHeader.LENGTH) {
            throw new MalformedMessageException(NotifyType.PAYLOAD_MALFORMED, "runt");
        }
        int first = mutant.get(16);
        Bytes body = mutant.slice(IsakmpHeader.LENGTH);
        List<Payload> ps = PayloadChain.decode(first, body, true);
        Bytes encoded = PayloadChain.encode(ps);
        assertEquals(body.slice(0, encoded.length()), encoded, "decoding is canonical up to the padding");
        assertEquals(ps, PayloadChain.decode(PayloadChain.firstType(ps), encoded, false));
        IsakmpHeader h = new IsakmpHeader(mutant.slice(0, 8), mutant.slice(8, 16), first, 1, 0, mutant.get(18),
                mutant.get(19), mutant.getU32(20), mutant.getU32(24));
        describeWithinBounds(new IsakmpMessage(h, ps));
        return true;
    }

    private static void describeWithinBounds(IsakmpMessage m) {
        for (String line : PayloadDescriber.describe(m.header(), m.payloads())) {
            assertTrue(line.length() < 200, line);
        }
    }

    static Bytes mutate(Bytes in, SplittableRandom rnd) {
        byte[] a = in.toArray();
        int op = rnd.nextInt(7);
        int n = a.length;
        boolean fixHeaderLength = rnd.nextBoolean();
        switch (op) {
            case 0: { // flip 1..4 bits
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int bit = rnd.nextInt(n * 8);
                    a[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                }
                break;
            }
            case 1: { // set a byte to an interesting or random value
                int[] interesting = {0x00, 0x01, 0x02, 0x03, 0x04, 0x0f, 0x10, 0x7f, 0x80, 0xfe, 0xff};
                a[rnd.nextInt(n)] = (byte) (rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : rnd.nextInt(256));
                break;
            }
            case 2: // truncate
                a = java.util.Arrays.copyOf(a, rnd.nextInt(n));
                break;
            case 3: { // extend with random bytes
                int extra = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 64);
                byte[] b = java.util.Arrays.copyOf(a, n + extra);
                for (int k = n; k < b.length; k++) {
                    b[k] = (byte) rnd.nextInt(256);
                }
                a = b;
                break;
            }
            case 4: // ±1 on a payload / proposal / transform / attribute length field
            case 5: {
                List<Integer> offsets = lengthFieldOffsets(in);
                if (!offsets.isEmpty()) {
                    int at = offsets.get(rnd.nextInt(offsets.size()));
                    int v = ((a[at] & 0xff) << 8 | (a[at + 1] & 0xff)) + (rnd.nextBoolean() ? 1 : -1);
                    a[at] = (byte) (v >>> 8);
                    a[at + 1] = (byte) v;
                }
                break;
            }
            default: { // ±1 on the header length, or on a count byte near a length
                if (rnd.nextBoolean() && n >= 28) {
                    long v = (in.getU32(24) + (rnd.nextBoolean() ? 1 : -1)) & 0xffffffffL;
                    a[24] = (byte) (v >>> 24);
                    a[25] = (byte) (v >>> 16);
                    a[26] = (byte) (v >>> 8);
                    a[27] = (byte) v;
                    fixHeaderLength = false;
                } else {
                    int at = rnd.nextInt(n);
                    a[at] = (byte) (a[at] + (rnd.nextBoolean() ? 1 : -1));
                }
                break;
            }
        }
        if (fixHeaderLength && a.length >= 28 && op != 6) {
            int len = a.length;
            a[24] = (byte) (len >>> 24);
            a[25] = (byte) (len >>> 16);
            a[26] = (byte) (len >>> 8);
            a[27] = (byte) len;
        }
        return Bytes.copyOf(a);
    }

    /** Offsets of the 16-bit length fields of the (valid) message {@code d}: payloads, proposals, transforms, TLVs. */
    static List<Integer> lengthFieldOffsets(Bytes d) {
        List<Integer> out = new ArrayList<>();
        int type = d.get(16);
        int off = IsakmpHeader.LENGTH;
        while (type != 0 && off + 4 <= d.length()) {
            int len = d.getU16(off + 2);
            out.add(off + 2);
            if (type == PayloadType.SA.value()) {
                int p = off + 12;
                int pnext = PayloadType.P.value();
                while (pnext == PayloadType.P.value() && p + 8 <= off + len) {
                    out.add(p + 2);
                    int plen = d.getU16(p + 2);
                    int t = p + 8 + d.get(p + 6);
                    int tnext = PayloadType.T.value();
                    while (tnext == PayloadType.T.value() && t + 8 <= p + plen) {
                        out.add(t + 2);
                        int tlen = d.getU16(t + 2);
                        for (int a = t + 8; a + 4 <= t + tlen; ) {
                            if ((d.get(a) & 0x80) == 0) {
                                out.add(a + 2);
                                a += 4 + d.getU16(a + 2);
                            } else {
                                a += 4;
                            }
                        }
                        tnext = d.get(t);
                        t += tlen;
                    }
                    pnext = d.get(p);
                    p += plen;
                }
            }
            type = d.get(off);
            off += len;
        }
        return out;
    }
}
