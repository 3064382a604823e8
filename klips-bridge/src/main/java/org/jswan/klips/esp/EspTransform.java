package org.jswan.klips.esp;

import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ESP (RFC 4303) for one SA in one direction: CBC encryption with an explicit random IV and an
 * HMAC ICV. It builds and opens the ESP part of a packet only; which IP header surrounds it
 * (tunnel or transport mode) is the caller's business, told through the Next Header value.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Security Parameters Index (SPI)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Sequence Number                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    IV (one cipher block)                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Payload Data (encrypted from here)             ~
 * +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               |     Padding (1, 2, 3, ..., 0-255 bytes)       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Pad Length   | Next Header   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~            Integrity Check Value (over SPI .. Next Header)    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Not thread-safe: one instance holds one {@link Cipher} and one {@link javax.crypto.Mac}.
 */
public final class EspTransform {
    /** SPI and sequence number. */
    public static final int HEADER = 8;
    /** RFC 4303 §2.6: Next Header 59 marks a dummy packet, to be discarded. */
    public static final int NO_NEXT_HEADER = 59;

    private final long spi;
    private final EncryptionAlgorithm cipherAlgorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final Integrity integrity;

    /**
     * @param integrityAlgorithm null for none (only RFC 3602's encryption-only vectors; pluto never
     *                           negotiates ESP without integrity)
     */
    public EspTransform(long spi, EncryptionAlgorithm cipherAlgorithm, byte[] cipherKey,
                        IntegrityAlgorithm integrityAlgorithm, byte[] integrityKey) {
        this.spi = spi;
        this.cipherAlgorithm = Objects.requireNonNull(cipherAlgorithm, "cipherAlgorithm");
        if (!cipherAlgorithm.acceptsKeyLength(cipherKey.length)) {
            throw new IllegalArgumentException(cipherAlgorithm + " does not take a " + cipherKey.length + "-byte key");
        }
        try {
            cipher = Cipher.getInstance(cipherAlgorithm.jcaName() + "/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCA lacks " + cipherAlgorithm.jcaName(), e);
        }
        key = new SecretKeySpec(cipherKey, cipherAlgorithm.jcaName());
        integrity = integrityAlgorithm == null ? null : new Integrity(integrityAlgorithm, integrityKey);
    }

    public long spi() {
        return spi;
    }

    public int icvLength() {
        return integrity == null ? 0 : integrity.icvLength();
    }

    /** The ESP packet's length for a payload of {@code payloadLength} bytes. */
    public int sealedLength(int payloadLength) {
        return HEADER + cipherAlgorithm.ivLength() + paddedLength(payloadLength) + icvLength();
    }

    /** Payload, padding, Pad Length and Next Header: a whole number of cipher blocks. */
    private int paddedLength(int payloadLength) {
        int b = cipherAlgorithm.blockSize();
        // RFC 4303 §2.4: padding makes payload + 2 a multiple of the block size (and of 4)
        return (payloadLength + 2 + b - 1) / b * b;
    }

    /** Seals with a fresh IV from {@code rng} into a new array. */
    public byte[] seal(long seq, RandomGenerator rng, byte[] in, int off, int len, int nextHeader) {
        byte[] iv = new byte[cipherAlgorithm.ivLength()];
        rng.nextBytes(iv);
        byte[] out = new byte[sealedLength(len)];
        seal(seq, iv, in, off, len, nextHeader, out, 0);
        return out;
    }

    /**
     * Writes the ESP packet protecting {@code in[off..off+len)} to {@code out[outOff..]}.
     *
     * @param iv the IV, one block: random for every packet (RFC 3602 §2.1); given here for known answers
     * @return the number of bytes written, {@link #sealedLength(int)}
     */
    public int seal(long seq, byte[] iv, byte[] in, int off, int len, int nextHeader, byte[] out, int outOff) {
        int ivLen = cipherAlgorithm.ivLength();
        if (iv.length != ivLen) {
            throw new IllegalArgumentException("IV must be " + ivLen + " bytes");
        }
        int padded = paddedLength(len);
        int pad = padded - len - 2;
        putInt(out, outOff, spi);
        putInt(out, outOff + 4, seq);
        System.arraycopy(iv, 0, out, outOff + HEADER, ivLen);
        int pt = outOff + HEADER + ivLen;
        System.arraycopy(in, off, out, pt, len);
        // RFC 4303 §2.4: the default padding is 1, 2, 3, ...
        for (int i = 0; i < pad; i++) {
            out[pt + len + i] = (byte) (i + 1);
        }
        out[pt + padded - 2] = (byte) pad;
        out[pt + padded - 1] = (byte) nextHeader;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            cipher.doFinal(out, pt, padded, out, pt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
        int end = pt + padded;
        if (integrity != null) {
            // RFC 4303 §2.8: the ICV covers SPI, sequence number, IV and the ciphertext
            integrity.update(out, outOff, end - outOff);
            integrity.finish(out, end);
        }
        return end + icvLength() - outOff;
    }

    /**
     * Opens the ESP packet {@code in[off..off+len)}: replay check, ICV (in constant time, before
     * anything is decrypted), decryption, padding check, then the window moves.
     *
     * @param window the SA's anti-replay window, or null for none
     */
    public Opened open(byte[] in, int off, int len, ReplayWindow window) throws BadPacket {
        int ivLen = cipherAlgorithm.ivLength();
        int icv = icvLength();
        int block = cipherAlgorithm.blockSize();
        if (len < HEADER + ivLen + block + icv) {
            throw new BadPacket(BadPacket.Reason.TRUNCATED, "ESP packet of " + len + " bytes");
        }
        long gotSpi = getInt(in, off);
        if (gotSpi != spi) {
            throw new BadPacket(BadPacket.Reason.MALFORMED, "SPI " + Long.toHexString(gotSpi) + " is not ours");
        }
        long seq = getInt(in, off + 4);
        // RFC 4303 §3.4.3: the replay check comes first, it is cheap
        if (window != null) {
            window.check(seq);
        }
        int icvOff = off + len - icv;
        // RFC 4303 §3.4.4.1: verify the ICV before decrypting
        if (integrity != null) {
            integrity.update(in, off, icvOff - off);
            if (!integrity.finishAndVerify(in, icvOff)) {
                throw new BadPacket(BadPacket.Reason.AUTHENTICATION, "ICV mismatch, SPI " + Long.toHexString(spi));
            }
        }
        int ctOff = off + HEADER + ivLen;
        int ctLen = icvOff - ctOff;
        if (ctLen % block != 0) {
            throw new BadPacket(BadPacket.Reason.BLOCK_SIZE, "ciphertext of " + ctLen + " bytes, block " + block);
        }
        byte[] pt = new byte[ctLen];
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(in, off + HEADER, ivLen));
            cipher.doFinal(in, ctOff, ctLen, pt, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
        int padLen = pt[ctLen - 2] & 0xff;
        int nextHeader = pt[ctLen - 1] & 0xff;
        // RFC 4303 §2.4: the pad length must fit, and the default padding is checked
        if (padLen + 2 > ctLen) {
            throw new BadPacket(BadPacket.Reason.PADDING, "pad length " + padLen + " beyond " + ctLen + " bytes");
        }
        int payloadLen = ctLen - 2 - padLen;
        for (int i = 0; i < padLen; i++) {
            if ((pt[payloadLen + i] & 0xff) != i + 1) {
                throw new BadPacket(BadPacket.Reason.PADDING, "padding byte " + (i + 1) + " is "
                        + (pt[payloadLen + i] & 0xff));
            }
        }
        if (window != null) {
            window.update(seq);
        }
        return new Opened(seq, nextHeader, pt, payloadLen);
    }

    /**
     * An opened ESP packet: the payload is {@code buffer[0..length)}; the buffer belongs to the
     * caller (it holds the padding after the payload).
     */
    public record Opened(long seq, int nextHeader, byte[] buffer, int length) {
        public byte[] payload() {
            return java.util.Arrays.copyOf(buffer, length);
        }
    }

    /** The SPI of an ESP packet, or -1 when it is shorter than a header. */
    public static long spiOf(byte[] in, int off, int len) {
        return len < HEADER ? -1 : getInt(in, off);
    }

    static long getInt(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
                | (b[off + 3] & 0xff);
    }

    static void putInt(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
