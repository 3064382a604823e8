package org.jswan.ike.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jswan.ike.base.Bytes;

/**
 * Seeded structural mutation of one ISAKMP message (security-and-users.md §A3.3): bit flips, byte
 * sets, truncation at payload boundaries ±1, extension, length fields ±1/0/max, next-payload
 * swaps, payload duplication, deletion and reordering, SA attribute boundary values and TV↔TLV,
 * and (for a whole datagram) header fields. Each mutant is a pure function of (message, seed).
 *
 * <p>A message is either a whole cleartext datagram (header included; the chain starts at byte
 * 28, its first type is header byte 16) or a decrypted body (the chain starts at 0, its first
 * type is carried beside it, padding follows the last payload). Payload boundaries come from the
 * well-formed original.
 */
final class Mutator {
    enum Kind { BIT_FLIP, BYTE_SET, TRUNCATE, EXTEND, LENGTH, NEXT_PAYLOAD, DUPLICATE, DELETE, REORDER, ATTRIBUTE,
        HEADER }

    /** Kinds that make sense for a decrypted body (no ISAKMP header there). */
    static final List<Kind> BODY_KINDS = List.of(Kind.BIT_FLIP, Kind.BYTE_SET, Kind.TRUNCATE, Kind.EXTEND, Kind.LENGTH,
            Kind.NEXT_PAYLOAD, Kind.DUPLICATE, Kind.DELETE, Kind.REORDER, Kind.ATTRIBUTE);
    static final List<Kind> DATAGRAM_KINDS = List.of(Kind.values());

    /** A mutant: the chain's first payload type and the bytes (datagram, or body). */
    record Mutant(Kind kind, int firstType, Bytes bytes, String how) {
    }

    /** One payload of the original chain: where its generic header starts, its length and type. */
    record Span(int at, int length, int type) {
        int end() {
            return at + length;
        }
    }

    private static final int[] TYPES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20, 21, 22, 33,
        34, 40, 53, 99, 127, 128, 130, 131, 132, 133, 200, 255};

    private final boolean datagram;
    private final Bytes original;
    private final int originalFirst;
    private final int chainStart;
    private final List<Span> spans;
    /** Offsets of SA attribute headers (type/AF word) inside SA payloads. */
    private final List<Integer> attributes = new ArrayList<>();
    /** Offsets of 16-bit length fields inside SA payloads (proposals, transforms, TLV attributes). */
    private final List<Integer> innerLengths = new ArrayList<>();
    /** Offsets of one-byte counts and sizes inside SA payloads (SPI size, # of transforms). */
    private final List<Integer> innerCounts = new ArrayList<>();

    /** The spans are cipher blocks, not payloads: splicing them must not touch next-payload bytes. */
    private final boolean opaque;

    private Mutator(boolean datagram, Bytes original, int firstType, int blockSize) {
        this.datagram = datagram;
        this.original = original;
        this.originalFirst = firstType;
        this.chainStart = datagram ? 28 : 0;
        this.opaque = blockSize > 0;
        this.spans = opaque ? blocks(original, chainStart, blockSize) : spans(original, chainStart, firstType);
        for (Span s : opaque ? List.<Span>of() : spans) {
            if (s.type == 1) {
                saInternals(s);
            }
        }
    }

    /** Mutates a whole cleartext datagram. */
    static Mutator ofDatagram(Bytes datagram) {
        return new Mutator(true, datagram, datagram.get(16), 0);
    }

    /**
     * Mutates an encrypted datagram as ciphertext: its structure is the cipher blocks after the
     * header, so truncation, duplication, deletion and reordering work on blocks (CBC cut and paste).
     */
    static Mutator ofCiphertext(Bytes datagram, int blockSize) {
        return new Mutator(true, datagram, datagram.get(16), blockSize);
    }

    /** Mutates a decrypted body whose chain starts with {@code firstType}. */
    static Mutator ofBody(int firstType, Bytes body) {
        return new Mutator(false, body, firstType, 0);
    }

    private static List<Span> blocks(Bytes b, int start, int blockSize) {
        List<Span> out = new ArrayList<>();
        for (int at = start; at + blockSize <= b.length(); at += blockSize) {
            out.add(new Span(at, blockSize, -1));
        }
        return out;
    }

    List<Kind> kinds() {
        return datagram ? DATAGRAM_KINDS : BODY_KINDS;
    }

    List<Span> spans() {
        return spans;
    }

    static List<Span> spans(Bytes b, int start, int firstType) {
        List<Span> out = new ArrayList<>();
        int at = start;
        int type = firstType;
        for (int guard = 0; type != 0 && guard < 100 && at + 4 <= b.length(); guard++) {
            int len = b.getU16(at + 2);
            if (len < 4 || at + len > b.length()) {
                break;
            }
            out.add(new Span(at, len, type));
            type = b.get(at);
            at += len;
        }
        return out;
    }

    private void saInternals(Span sa) {
        int p = sa.at + 12; // generic header, DOI, situation
        for (int guardP = 0; guardP < 64 && p + 8 <= sa.end(); guardP++) {
            int plen = original.getU16(p + 2);
            innerLengths.add(p + 2);
            innerCounts.add(p + 6);
            innerCounts.add(p + 7);
            int t = p + 8 + original.get(p + 6);
            int pend = Math.min(p + plen, sa.end());
            for (int guardT = 0; guardT < 256 && t + 8 <= pend; guardT++) {
                int tlen = original.getU16(t + 2);
                innerLengths.add(t + 2);
                int a = t + 8;
                int tend = Math.min(t + tlen, pend);
                for (int guardA = 0; guardA < 64 && a + 4 <= tend; guardA++) {
                    attributes.add(a);
                    boolean tv = (original.get(a) & 0x80) != 0;
                    if (!tv) {
                        innerLengths.add(a + 2);
                    }
                    a += tv ? 4 : 4 + original.getU16(a + 2);
                }
                if (tlen < 8) {
                    break;
                }
                t += tlen;
            }
            if (plen < 8 || original.get(p) == 0) {
                break;
            }
            p += plen;
        }
    }

    /** The mutant for {@code seed}, of the given kind. */
    Mutant mutate(Kind kind, long seed) {
        Random r = new Random(seed);
        Work w = new Work(original.toArray(), originalFirst);
        String how = apply(kind, r, w);
        if (Arrays.equals(w.buf, original.toArray()) && w.first == originalFirst) {
            how += ", then " + apply(Kind.BIT_FLIP, r, w); // never the original itself
        }
        boolean hasHeader = datagram && w.buf.length > 16;
        if (hasHeader) {
            w.buf[16] = (byte) w.first;
        }
        return new Mutant(kind, hasHeader ? w.buf[16] & 0xff : w.first, Bytes.copyOf(w.buf), kind + " " + how);
    }

    private static final class Work {
        byte[] buf;
        int first;

        Work(byte[] buf, int first) {
            this.buf = buf;
            this.first = first;
        }
    }

    private String apply(Kind kind, Random r, Work w) {
        int n = w.buf.length;
        switch (kind) {
            case BIT_FLIP -> {
                int flips = 1 + r.nextInt(3);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < flips; i++) {
                    int at = position(r, n);
                    int bit = r.nextInt(8);
                    w.buf[at] ^= (byte) (1 << bit);
                    sb.append(at).append('.').append(bit).append(' ');
                }
                syncFirst(w);
                return sb.toString().trim();
            }
            case BYTE_SET -> {
                int at = position(r, n);
                int[] values = {0x00, 0xff, r.nextInt(256)};
                int v = values[r.nextInt(values.length)];
                w.buf[at] = (byte) v;
                syncFirst(w);
                return "[" + at + "]=" + v;
            }
            case TRUNCATE -> {
                List<Integer> cuts = new ArrayList<>();
                for (Span s : spans) {
                    cuts.add(s.at);
                    cuts.add(s.at + 4);
                    cuts.add(s.end());
                }
                cuts.add(n);
                int cut = cuts.get(r.nextInt(cuts.size())) + r.nextInt(3) - 1;
                cut = Math.max(0, Math.min(n, cut));
                w.buf = Arrays.copyOf(w.buf, cut);
                boolean fix = r.nextInt(4) != 0;
                if (fix) {
                    fixLength(w);
                }
                return "at " + cut + (fix ? " (length fixed)" : "");
            }
            case EXTEND -> {
                int extra = r.nextInt(8) == 0 ? 1 + r.nextInt(600) : 1 + r.nextInt(40);
                byte[] more = new byte[extra];
                r.nextBytes(more);
                if (r.nextBoolean()) {
                    Arrays.fill(more, (byte) 0);
                }
                byte[] b = Arrays.copyOf(w.buf, n + extra);
                System.arraycopy(more, 0, b, n, extra);
                w.buf = b;
                String chained = "";
                if (!datagram && !spans.isEmpty() && r.nextBoolean()) {
                    // in a decrypted body, bytes after the last payload are padding: chain them in
                    int v = TYPES[1 + r.nextInt(TYPES.length - 1)];
                    w.buf[spans.get(spans.size() - 1).at] = (byte) v;
                    chained = " chained as type " + v;
                }
                boolean fix = r.nextInt(4) != 0;
                if (fix) {
                    fixLength(w);
                }
                return "+" + extra + chained + (fix ? " (length fixed)" : "");
            }
            case LENGTH -> {
                List<Integer> fields = new ArrayList<>();
                for (Span s : opaque ? List.<Span>of() : spans) {
                    fields.add(s.at + 2);
                }
                fields.addAll(innerLengths);
                boolean header = datagram && (fields.isEmpty() || r.nextInt(4) == 0);
                if (header) {
                    long v = original.getU32(24);
                    long[] choices = {v - 1, v + 1, 0, 0xFFFFFFFFL, 28, v + 4, v - 4};
                    long nv = choices[r.nextInt(choices.length)] & 0xFFFFFFFFL;
                    putU32(w.buf, 24, nv);
                    return "header length " + v + "->" + nv;
                }
                int at = fields.get(r.nextInt(fields.size()));
                int v = original.getU16(at);
                int[] choices = {v - 1, v + 1, 0, 0xFFFF, 1, 2, 3, 4, v + 4, v - 4};
                int nv = choices[r.nextInt(choices.length)] & 0xFFFF;
                putU16(w.buf, at, nv);
                return "length@" + at + " " + v + "->" + nv;
            }
            case NEXT_PAYLOAD -> {
                int which = opaque ? spans.size() : r.nextInt(spans.size() + 1);
                int v = r.nextInt(3) == 0 ? r.nextInt(256) : TYPES[r.nextInt(TYPES.length)];
                if (which == spans.size()) {
                    w.first = v;
                    return "first " + originalFirst + "->" + v;
                }
                int at = spans.get(which).at;
                int old = w.buf[at] & 0xff;
                w.buf[at] = (byte) v;
                return "next@" + at + " " + old + "->" + v;
            }
            case DUPLICATE -> {
                if (spans.isEmpty()) {
                    return apply(Kind.EXTEND, r, w);
                }
                int i = r.nextInt(spans.size());
                Span s = spans.get(i);
                byte[] copy = Arrays.copyOfRange(w.buf, s.at, s.end());
                byte[] b = new byte[n + s.length];
                System.arraycopy(w.buf, 0, b, 0, s.end());
                System.arraycopy(copy, 0, b, s.end(), s.length);
                System.arraycopy(w.buf, s.end(), b, s.end() + s.length, n - s.end());
                if (!opaque) {
                    b[s.at] = (byte) s.type; // the original now points at its copy, which points where it did
                }
                w.buf = b;
                fixLength(w);
                return "payload " + i + " (type " + s.type + ")";
            }
            case DELETE -> {
                if (spans.isEmpty()) {
                    return apply(Kind.TRUNCATE, r, w);
                }
                int i = r.nextInt(spans.size());
                Span s = spans.get(i);
                int next = w.buf[s.at] & 0xff;
                byte[] b = new byte[n - s.length];
                System.arraycopy(w.buf, 0, b, 0, s.at);
                System.arraycopy(w.buf, s.end(), b, s.at, n - s.end());
                w.buf = b;
                if (opaque) {
                    syncFirst(w);
                } else if (i == 0) {
                    w.first = next;
                    if (datagram && w.buf.length > 16) {
                        w.buf[16] = (byte) next;
                    }
                } else {
                    w.buf[spans.get(i - 1).at] = (byte) next;
                }
                fixLength(w);
                return "payload " + i + " (type " + s.type + ")";
            }
            case REORDER -> {
                if (spans.size() < 2) {
                    return apply(Kind.BIT_FLIP, r, w);
                }
                int i = r.nextInt(spans.size() - 1);
                Span a = spans.get(i);
                Span b = spans.get(i + 1);
                byte[] out = w.buf.clone();
                // b then a, chained: whatever pointed at a now points at b; b points at a; a points where b did
                System.arraycopy(w.buf, b.at, out, a.at, b.length);
                System.arraycopy(w.buf, a.at, out, a.at + b.length, a.length);
                if (opaque) {
                    w.buf = out;
                    return "blocks " + i + "<->" + (i + 1);
                }
                out[a.at] = (byte) a.type;
                out[a.at + b.length] = w.buf[b.at];
                if (i == 0) {
                    w.first = b.type;
                    if (datagram) {
                        out[16] = (byte) b.type;
                    }
                } else {
                    out[spans.get(i - 1).at] = (byte) b.type;
                }
                w.buf = out;
                return "payloads " + i + "<->" + (i + 1);
            }
            case ATTRIBUTE -> {
                if (attributes.isEmpty()) {
                    return apply(Kind.BYTE_SET, r, w);
                }
                int at = attributes.get(r.nextInt(attributes.size()));
                boolean tv = (w.buf[at] & 0x80) != 0;
                int choice = r.nextInt(4);
                if (choice == 0) {
                    w.buf[at] ^= (byte) 0x80; // TV <-> TLV
                    return "AF flip @" + at;
                }
                if (choice == 1) {
                    int[] types = {0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 16, 17, 0x3fff, 0x4000, 0x7fff};
                    int t = types[r.nextInt(types.length)];
                    putU16(w.buf, at, (tv ? 0x8000 : 0) | t);
                    return "type@" + at + "=" + t;
                }
                if (tv) {
                    int[] values = {0, 1, 2, 3, 5, 7, 14, 64, 128, 129, 192, 256, 0x7fff, 0x8000, 0xffff};
                    int v = values[r.nextInt(values.length)];
                    putU16(w.buf, at + 2, v);
                    return "value@" + at + "=" + v;
                }
                int len = w.buf.length > at + 3 ? ((w.buf[at + 2] & 0xff) << 8) | (w.buf[at + 3] & 0xff) : 0;
                for (int i = 0; i < len && at + 4 + i < w.buf.length; i++) {
                    w.buf[at + 4 + i] = (byte) (choice == 2 ? 0xff : 0);
                }
                return "TLV value@" + at + (choice == 2 ? " all ones" : " all zeros");
            }
            case HEADER -> {
                int f = r.nextInt(7);
                switch (f) {
                    case 0 -> w.buf[18] = (byte) new int[] {0, 1, 2, 3, 4, 5, 6, 32, 33, 34, 35, 37, 255}[r.nextInt(13)];
                    case 1 -> w.buf[19] = (byte) r.nextInt(256);
                    case 2 -> w.buf[17] = (byte) new int[] {0x00, 0x01, 0x11, 0x20, 0x21, 0x0f, 0xf0, 0xff}[r.nextInt(8)];
                    case 3 -> putU32(w.buf, 20, new long[] {0, 1, 0xFFFFFFFFL, r.nextInt() & 0xFFFFFFFFL}[r.nextInt(4)]);
                    case 4 -> Arrays.fill(w.buf, 0, 8, (byte) 0);
                    case 5 -> Arrays.fill(w.buf, 8, 16, (byte) 0);
                    default -> {
                        for (int i = 8; i < 16; i++) {
                            w.buf[i] = (byte) r.nextInt(256);
                        }
                    }
                }
                w.first = w.buf[16] & 0xff;
                return "field " + f;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /**
     * A byte to hit. Ciphertext: anywhere. Otherwise a quarter anywhere, and the rest on structure
     * (the ISAKMP header, generic payload headers and the first body bytes, the SA's proposal,
     * transform and attribute headers) or, in a decrypted body, inside the payloads: flipping a bit
     * of a nonce or of the padding mostly just makes another valid message.
     */
    private int position(Random r, int n) {
        if (opaque || spans.isEmpty() || r.nextInt(4) == 0) {
            return r.nextInt(n);
        }
        if (!datagram && r.nextInt(3) == 0) {
            return r.nextInt(Math.min(n, spans.get(spans.size() - 1).end()));
        }
        List<Integer> structure = new ArrayList<>();
        if (datagram) {
            for (int i = 16; i < 28; i++) {
                structure.add(i);
            }
        }
        for (Span s : spans) {
            for (int i = s.at; i < Math.min(s.end(), s.at + 8); i++) {
                structure.add(i);
            }
        }
        for (int at : innerLengths) {
            structure.add(at - 2);
            structure.add(at);
            structure.add(at + 1);
        }
        for (int at : attributes) {
            for (int i = at; i < at + 4; i++) {
                structure.add(i);
            }
        }
        structure.addAll(innerCounts);
        int at = structure.get(r.nextInt(structure.size()));
        return Math.min(at, n - 1);
    }

    private void syncFirst(Work w) {
        if (datagram && w.buf.length > 16) {
            w.first = w.buf[16] & 0xff;
        }
    }

    private void fixLength(Work w) {
        if (datagram && w.buf.length >= 28) {
            putU32(w.buf, 24, w.buf.length);
        }
    }

    private static void putU16(byte[] b, int at, int v) {
        if (at + 1 < b.length) {
            b[at] = (byte) (v >>> 8);
            b[at + 1] = (byte) v;
        }
    }

    private static void putU32(byte[] b, int at, long v) {
        if (at + 3 < b.length) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }
    }
}
