package org.jswan.ike.crypto;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;

/**
 * The IKEv1 key schedule: RFC 2409 §5 (Phase 1), §5.5 (Quick Mode), §5.7 (Informational) and
 * Appendix B (key expansion). Pure functions; every line carries its formula.
 *
 * <p>Notation as in the RFC: "|" is concatenation, "_b" a payload's body without its generic
 * header, CKY-I and CKY-R the 8-byte initiator and responder cookies, M-ID the 4-byte Message ID
 * in network order, and a lone 0, 1 or 2 one octet of that value. Message IDs are passed as
 * unsigned 32-bit values in a {@code long} (0 to 2^32-1).
 */
public final class Ikev1Kdf {
    private static final Bytes OCTET_0 = Bytes.of(0);
    private static final Bytes OCTET_1 = Bytes.of(1);
    private static final Bytes OCTET_2 = Bytes.of(2);

    private Ikev1Kdf() {
    }

    /** For pre-shared keys: SKEYID = prf(pre-shared-key, Ni_b | Nr_b). */
    public static Secret skeyidPsk(Prf prf, Secret psk, Bytes ni, Bytes nr) {
        return prf.macSecret(psk, ni, nr); // SKEYID = prf(pre-shared-key, Ni_b | Nr_b)
    }

    /** For signatures: SKEYID = prf(Ni_b | Nr_b, g^xy). */
    public static Secret skeyidSig(Prf prf, Bytes ni, Bytes nr, Secret gxy) {
        return prf.macSecret(Bytes.concat(ni, nr), gxy); // SKEYID = prf(Ni_b | Nr_b, g^xy)
    }

    /**
     * SKEYID_d, SKEYID_a, SKEYID_e and the Phase 1 cipher key of {@code keyBits} bits.
     *
     * @throws IllegalArgumentException if the cookies are not 8 bytes or {@code keyBits} is not
     *     a key length of {@code alg}
     */
    public static Phase1Keys derivePhase1(Prf prf, Secret skeyid, Secret gxy, Bytes ckyI, Bytes ckyR,
            EncryptionAlgorithm alg, int keyBits) {
        checkCookies(ckyI, ckyR);
        if (!alg.keyLengthValid(keyBits)) {
            throw new IllegalArgumentException(alg + " has no " + keyBits + "-bit keys");
        }
        // SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
        Secret d = prf.macSecretWith(skeyid, gxy, ckyI, ckyR, OCTET_0);
        // SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
        Secret a = prf.macSecretWith(skeyid, d, gxy, ckyI, ckyR, OCTET_1);
        // SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
        Secret e = prf.macSecretWith(skeyid, a, gxy, ckyI, ckyR, OCTET_2);
        return new Phase1Keys(skeyid, d, a, e, encryptionKey(prf, e, keyBits / 8));
    }

    /**
     * Appendix B: the cipher key is the first bytes of SKEYID_e; if SKEYID_e is too short,
     * Ka = K1 | K2 | K3 ... with K1 = prf(SKEYID_e, 0), K2 = prf(SKEYID_e, K1), ...
     */
    static Secret encryptionKey(Prf prf, Secret skeyidE, int keyBytes) {
        if (skeyidE.length() >= keyBytes) {
            return split(skeyidE, 0, keyBytes); // Ka = first keyBytes of SKEYID_e
        }
        Secret[] k = new Secret[(keyBytes + prf.outputLength() - 1) / prf.outputLength()];
        k[0] = prf.macSecret(skeyidE, OCTET_0); // K1 = prf(SKEYID_e, 0)
        for (int i = 1; i < k.length; i++) {
            k[i] = prf.macSecretWith(skeyidE, k[i - 1]); // Kn = prf(SKEYID_e, K(n-1))
        }
        return concatAndClose(k, keyBytes); // Ka = K1 | K2 | ..., truncated
    }

    /** Phase 1 IV = hash(g^xi | g^xr), truncated to the cipher's block size (Appendix B). */
    public static Bytes phase1Iv(HashAlgorithm h, Bytes gxi, Bytes gxr, int blockSize) {
        return truncate(h.hash(gxi, gxr), blockSize, h); // IV = hash(g^xi | g^xr)
    }

    /**
     * Phase 2 and Informational IV = hash(last CBC block of Phase 1 | M-ID), truncated to the
     * block size (Appendix B). The last block is that of the last Phase 1 message, MM6.
     */
    public static Bytes phase2Iv(HashAlgorithm h, Bytes lastPhase1Block, long messageId, int blockSize) {
        // IV = hash(last Phase 1 CBC output block | M-ID)
        return truncate(h.hash(lastPhase1Block, mid(messageId)), blockSize, h);
    }

    /** HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b). */
    public static Bytes hashI(Prf prf, Secret skeyid, Bytes gxi, Bytes gxr, Bytes ckyI, Bytes ckyR,
            Bytes saiBody, Bytes idiiBody) {
        checkCookies(ckyI, ckyR);
        // HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
        return prf.mac(skeyid, gxi, gxr, ckyI, ckyR, saiBody, idiiBody);
    }

    /**
     * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b). The arguments come in
     * the same order as for {@link #hashI}; the swapping is done here. SAi_b is the initiator's SA
     * body in both hashes.
     */
    public static Bytes hashR(Prf prf, Secret skeyid, Bytes gxi, Bytes gxr, Bytes ckyI, Bytes ckyR,
            Bytes saiBody, Bytes idirBody) {
        checkCookies(ckyI, ckyR);
        // HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
        return prf.mac(skeyid, gxr, gxi, ckyR, ckyI, saiBody, idirBody);
    }

    /**
     * Quick Mode HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ]):
     * {@code restOfMessage} is everything after the HASH payload, generic headers included,
     * padding excluded.
     */
    public static Bytes qmHash1(Prf prf, Secret skeyidA, long msgId, Bytes restOfMessage) {
        // HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ])
        return prf.mac(skeyidA, mid(msgId), restOfMessage);
    }

    /**
     * Quick Mode HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ]):
     * {@code niB} is the initiator's nonce body, {@code rest} the responder's message after its
     * HASH payload.
     */
    public static Bytes qmHash2(Prf prf, Secret skeyidA, long msgId, Bytes niB, Bytes rest) {
        // HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ])
        return prf.mac(skeyidA, mid(msgId), niB, rest);
    }

    /** Quick Mode HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b). */
    public static Bytes qmHash3(Prf prf, Secret skeyidA, long msgId, Bytes niB, Bytes nrB) {
        return prf.mac(skeyidA, OCTET_0, mid(msgId), niB, nrB); // HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
    }

    /**
     * Informational HASH(1) = prf(SKEYID_a, M-ID | N/D) (RFC 2409 §5.7): {@code payloads} is the
     * Notification or Delete payload(s) after the HASH payload, generic headers included.
     */
    public static Bytes infoHash(Prf prf, Secret skeyidA, long msgId, Bytes payloads) {
        return prf.mac(skeyidA, mid(msgId), payloads); // HASH(1) = prf(SKEYID_a, M-ID | N/D)
    }

    /**
     * KEYMAT for one IPsec SA (RFC 2409 §5.5), {@code lengthBytes} long:
     * KEYMAT = K1 | K2 | ... with K1 = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
     * and Kn = prf(SKEYID_d, K(n-1) | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b).
     *
     * @param pfsGxyOrNull the Quick Mode g^xy with PFS, null without
     * @param protocolId the SA's protocol (2 = AH, 3 = ESP, 4 = IPCOMP), one octet
     * @param spi the SA's SPI as chosen by its receiving end, four octets
     */
    public static Secret keymat(Prf prf, Secret skeyidD, Secret pfsGxyOrNull, int protocolId, long spi,
            Bytes niB, Bytes nrB, int lengthBytes) {
        if (protocolId < 0 || protocolId > 255) {
            throw new IllegalArgumentException("protocol " + protocolId + " is not one octet");
        }
        if (lengthBytes <= 0) {
            throw new IllegalArgumentException("KEYMAT of " + lengthBytes + " bytes");
        }
        Bytes tail = Bytes.concat(Bytes.of(protocolId), u32(spi, "SPI"), niB, nrB); // protocol | SPI | Ni_b | Nr_b
        Secret[] k = new Secret[(lengthBytes + prf.outputLength() - 1) / prf.outputLength()];
        for (int i = 0; i < k.length; i++) {
            if (i == 0 && pfsGxyOrNull == null) {
                k[i] = prf.macSecret(skeyidD, tail); // K1 = prf(SKEYID_d, protocol | SPI | Ni_b | Nr_b)
            } else if (i == 0) {
                k[i] = prf.macSecretWith(skeyidD, pfsGxyOrNull, tail); // K1 = prf(SKEYID_d, g(qm)^xy | protocol | ...)
            } else if (pfsGxyOrNull == null) {
                k[i] = prf.macSecretWith(skeyidD, k[i - 1], tail); // Kn = prf(SKEYID_d, K(n-1) | protocol | ...)
            } else {
                // Kn = prf(SKEYID_d, K(n-1) | g(qm)^xy | protocol | SPI | Ni_b | Nr_b)
                k[i] = prf.macSecretWith(skeyidD, k[i - 1], pfsGxyOrNull, tail);
            }
        }
        return concatAndClose(k, lengthBytes); // KEYMAT = K1 | K2 | ..., truncated
    }

    /**
     * Bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code s}: cuts KEYMAT into the
     * encryption key (first) and the integrity key (after it), as pluto and KLIPS do.
     */
    public static Secret split(Secret s, int from, int to) {
        if (from < 0 || to > s.length() || from > to) {
            throw new IllegalArgumentException("cannot cut [" + from + ", " + to + ") from " + s);
        }
        byte[] all = s.expose();
        byte[] part = java.util.Arrays.copyOfRange(all, from, to);
        try {
            return Secret.copyOf(part);
        } finally {
            Jca.wipe(all, part);
        }
    }

    private static Secret concatAndClose(Secret[] parts, int length) {
        byte[] out = new byte[length];
        int off = 0;
        for (Secret p : parts) {
            byte[] b = p.expose();
            int n = Math.min(b.length, length - off);
            System.arraycopy(b, 0, out, off, n);
            off += n;
            Jca.wipe(b);
            p.close();
        }
        try {
            return Secret.copyOf(out);
        } finally {
            Jca.wipe(out);
        }
    }

    private static Bytes truncate(Bytes digest, int blockSize, HashAlgorithm h) {
        if (blockSize <= 0 || blockSize > digest.length()) {
            throw new IllegalArgumentException(h + " gives " + digest.length() + " bytes, IV needs " + blockSize);
        }
        return digest.slice(0, blockSize);
    }

    private static Bytes mid(long messageId) {
        return u32(messageId, "Message ID");
    }

    private static Bytes u32(long v, String what) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " " + v + " is not an unsigned 32-bit value");
        }
        return Bytes.u32(v);
    }

    private static void checkCookies(Bytes ckyI, Bytes ckyR) {
        if (ckyI.length() != 8 || ckyR.length() != 8) {
            throw new IllegalArgumentException("cookies of " + ckyI.length() + " and " + ckyR.length() + " bytes");
        }
    }
}
