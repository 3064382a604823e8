package org.jswan.klips.esp;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * IP payload compression (RFC 3173) with DEFLATE (RFC 2394) for one SA: each datagram is
 * compressed on its own (raw DEFLATE, no zlib header, no history across packets).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |     Flags     |  Compression Parameter Index  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The small-packet rule: payloads below the threshold are not offered to the compressor, and a
 * result that is not smaller than the original is thrown away, the packet going out uncompressed
 * (RFC 3173 §2.2; the receiver accepts both). Not thread-safe.
 */
public final class IpComp implements AutoCloseable {
    public static final int HEADER = 4;
    /** {@code SADB_X_CALG_DEFLATE}. */
    public static final int CALG_DEFLATE = 2;
    /** Below this many payload bytes DEFLATE rarely wins (the threshold Linux uses for DEFLATE). */
    public static final int DEFAULT_THRESHOLD = 90;

    private final int cpi;
    private final int threshold;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    /** @param cpi the Compression Parameter Index, 16 bits (the low two bytes of the SA's "SPI") */
    public IpComp(int cpi, int threshold) {
        if (cpi < 0 || cpi > 0xffff) {
            throw new IllegalArgumentException("CPI " + cpi + " is not 16 bits");
        }
        this.cpi = cpi;
        this.threshold = threshold;
    }

    public int cpi() {
        return cpi;
    }

    /**
     * The IPComp header and compressed payload for {@code in[off..off+len)}, or null when the
     * payload is too small to try or does not shrink: then it is sent as it is.
     */
    public byte[] compress(int nextHeader, byte[] in, int off, int len) {
        if (len < threshold || len <= HEADER + 1) {
            return null;
        }
        deflater.reset();
        deflater.setInput(in, off, len);
        deflater.finish();
        // RFC 3173 §2.2: only if header + compressed data is smaller than the original payload
        byte[] out = new byte[len];
        int n = deflater.deflate(out, HEADER, len - HEADER);
        if (!deflater.finished() || HEADER + n >= len) {
            return null;
        }
        out[0] = (byte) nextHeader;
        out[1] = 0;
        Ipv4.putU16(out, 2, cpi);
        return java.util.Arrays.copyOf(out, HEADER + n);
    }

    /**
     * Inflates the IPComp datagram {@code in[off..off+len)} (header first).
     *
     * @param maxLength the largest payload accepted (what still fits an IP packet)
     */
    public Decompressed decompress(byte[] in, int off, int len, int maxLength) throws BadPacket {
        if (len < HEADER + 1) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "IPComp payload of " + len + " bytes");
        }
        int got = Ipv4.u16(in, off + 2);
        if (got != cpi) {
            throw new BadPacket(BadPacket.Reason.MALFORMED, "CPI " + got + " is not ours (" + cpi + ")");
        }
        int next = in[off] & 0xff;
        inflater.reset();
        // java.util.zip.Inflater: with nowrap an extra dummy byte must follow the input
        byte[] input = new byte[len - HEADER + 1];
        System.arraycopy(in, off + HEADER, input, 0, len - HEADER);
        inflater.setInput(input);
        byte[] out = new byte[maxLength + 1];
        int n;
        try {
            n = inflater.inflate(out);
        } catch (DataFormatException e) {
            throw new BadPacket(BadPacket.Reason.DECOMPRESSION, "bad DEFLATE data: " + e.getMessage());
        }
        if (!inflater.finished() || n > maxLength) {
            throw new BadPacket(BadPacket.Reason.DECOMPRESSION, "DEFLATE data does not end within " + maxLength
                    + " bytes");
        }
        return new Decompressed(next, java.util.Arrays.copyOf(out, n));
    }

    /** An inflated payload and the protocol it carries. */
    public record Decompressed(int nextHeader, byte[] payload) {
    }

    /** The CPI of an IPComp header, or -1 when too short. */
    public static int cpiOf(byte[] in, int off, int len) {
        return len < HEADER ? -1 : Ipv4.u16(in, off + 2);
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
