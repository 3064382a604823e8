package org.jswan.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds an IKEv1 Informational exchange carrying one Delete payload for an ESP SPI, as the peer
 * of an established ISAKMP SA would send it (RFC 2408 §3.15, RFC 2409 §5.7), from the ISAKMP SA's
 * keys that charon logs at ike=4 — and the same message spoiled in the ways a forger or a broken
 * peer would spoil it. jswan must act on the authentic one only.
 *
 * <pre>
 * HDR*, HASH(1), D      HASH(1) = prf(SKEYID_a, M-ID | D)      (RFC 2409 §5.7)
 * IV = first block of hash(last Phase 1 CBC block | M-ID)        (RFC 2409 Appendix B)
 * </pre>
 */
final class ForgedDelete {
    /** How the message is spoiled. */
    enum Variant {
        /** Correct HASH(1), properly encrypted: the control, must be honoured. */
        AUTHENTIC,
        /** Properly encrypted, but HASH(1) with one bit flipped: must be ignored. */
        WRONG_HASH,
        /** Correct HASH(1) and Delete, but sent in the clear (E flag off): must be ignored. */
        UNENCRYPTED,
        /** E flag on, body random bytes: decrypts to garbage, must be ignored. */
        GARBAGE
    }

    /**
     * What the forger needs of the ISAKMP SA.
     *
     * @param prf "SHA1" or "SHA256": the negotiated hash (HMAC for prf, plain for the IV)
     * @param lastPhase1Block the last CBC block of Main Mode (charon logs it as "next IV for MID 0")
     */
    record IsakmpSa(byte[] icookie, byte[] rcookie, byte[] ka, byte[] skeyidA, byte[] lastPhase1Block, String prf) {
    }

    private ForgedDelete() {
    }

    /** The UDP payload for port 4500: the 4-byte non-ESP marker, then the ISAKMP message. */
    static byte[] onPort4500(IsakmpSa sa, int messageId, long espSpi, Variant v, Random rng) {
        byte[] m = message(sa, messageId, espSpi, v, rng);
        return ByteBuffer.allocate(4 + m.length).putInt(0).put(m).array();
    }

    static byte[] message(IsakmpSa sa, int messageId, long espSpi, Variant v, Random rng) {
        try {
            byte[] mid = ByteBuffer.allocate(4).putInt(messageId).array();
            // D: next 0, reserved, length 16, DOI IPsec (1), protocol ESP (3), SPI size 4, one SPI
            byte[] d = ByteBuffer.allocate(16).put((byte) 0).put((byte) 0).putShort((short) 16).putInt(1)
                    .put((byte) 3).put((byte) 4).putShort((short) 1).putInt((int) espSpi).array();
            Mac mac = Mac.getInstance("Hmac" + sa.prf());
            mac.init(new SecretKeySpec(sa.skeyidA(), mac.getAlgorithm()));
            mac.update(mid);
            byte[] hash1 = mac.doFinal(d);
            if (v == Variant.WRONG_HASH) {
                hash1[0] ^= 0x01;
            }
            // HASH: next D (12), reserved, length
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(new byte[] {12, 0, 0, (byte) (4 + hash1.length)});
            body.write(hash1);
            body.write(d);
            byte[] payloads = body.toByteArray();
            boolean encrypt = v != Variant.UNENCRYPTED;
            byte[] wire = payloads;
            if (encrypt) {
                String alg = sa.ka().length == 24 ? "DESede" : "AES";
                int block = alg.equals("AES") ? 16 : 8;
                byte[] padded = new byte[(payloads.length + block - 1) / block * block];
                System.arraycopy(payloads, 0, padded, 0, payloads.length);
                if (v == Variant.GARBAGE) {
                    wire = new byte[padded.length];
                    rng.nextBytes(wire);
                } else {
                    MessageDigest h = MessageDigest.getInstance(sa.prf().equals("SHA1") ? "SHA-1" : "SHA-256");
                    h.update(sa.lastPhase1Block());
                    byte[] iv = java.util.Arrays.copyOf(h.digest(mid), block);
                    Cipher c = Cipher.getInstance(alg + "/CBC/NoPadding");
                    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sa.ka(), alg), new IvParameterSpec(iv));
                    wire = c.doFinal(padded);
                }
            }
            // HDR: cookies, next HASH (8), version 1.0, exchange Informational (5), flags, M-ID, length
            return ByteBuffer.allocate(28 + wire.length).put(sa.icookie()).put(sa.rcookie()).put((byte) 8)
                    .put((byte) 0x10).put((byte) 5).put((byte) (encrypt ? 1 : 0)).put(mid).putInt(28 + wire.length)
                    .put(wire).array();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new AssertionError("cannot build the Informational: " + e, e);
        }
    }

    /**
     * Sends {@code datagram} as one UDP datagram from inside {@code ns} to {@code host}:{@code port}:
     * the bytes go to a file, and {@code cat} writes the file in one write() to bash's /dev/udp
     * (an ephemeral source port: charon holds 4500 in that namespace). bash's printf straight to
     * /dev/udp would not do: it flushes at every 0x0a byte, cutting the datagram in two.
     */
    static void send(Netns ns, String host, int port, byte[] datagram, java.nio.file.Path scratch) {
        try {
            java.nio.file.Files.write(scratch, datagram);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ns.exec(java.time.Duration.ofSeconds(10), "bash", "-c", "cat \"$1\" > /dev/udp/" + host + "/" + port, "bash",
                scratch.toString()).requireOk();
    }
}
