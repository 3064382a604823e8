package org.jswan.ike.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Secret;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.EncryptionAlgorithm;
import org.jswan.ike.crypto.HashAlgorithm;
import org.jswan.ike.crypto.IkeCipher;
import org.jswan.ike.crypto.Ikev1Kdf;
import org.jswan.ike.crypto.Phase1Keys;
import org.jswan.ike.crypto.Prf;
import org.jswan.ike.wire.HashPayload;
import org.jswan.ike.wire.IdPayload;
import org.jswan.ike.wire.IsakmpHeader;
import org.jswan.ike.wire.IsakmpMessage;
import org.jswan.ike.wire.KePayload;
import org.jswan.ike.wire.MalformedMessageException;
import org.jswan.ike.wire.NoncePayload;
import org.jswan.ike.wire.Payload;
import org.jswan.ike.wire.PayloadChain;
import org.jswan.ike.wire.SaPayload;

/**
 * The keys of the reference ISAKMP SA, recomputed by the test from what it can see: the
 * cleartext Main Mode messages, the PSK, and the initiator's recorded random draws (one of which
 * is its DH private value: the one whose g^x is the KE of MI2). With them the test can decrypt
 * any encrypted message of the exchange and build valid (or precisely invalid) ones.
 *
 * <p>The reference negotiates jswan's first proposal: AES_CBC_256-SHA2_256-MODP2048.
 */
final class SessionKeys {
    static final EncryptionAlgorithm ENC = EncryptionAlgorithm.AES_CBC;
    static final int KEY_BITS = 256;
    static final HashAlgorithm HASH = HashAlgorithm.SHA2_256;
    static final DhGroup GROUP = DhGroup.MODP2048;
    static final int BS = ENC.blockSize();

    final Prf prf = HASH.prf();
    final Bytes psk;
    final Bytes icookie;
    final Bytes rcookie;
    final Bytes saiBody;
    final Bytes gi;
    final Bytes gr;
    final Bytes ni;
    final Bytes nr;
    /** Initiator's DH private value. */
    final BigInteger x;
    final Bytes gxy;
    final Phase1Keys keys;
    /** IV of MI3: hash(g^xi | g^xr) cut to the block size. */
    final Bytes mi3Iv;

    private SessionKeys(Bytes psk, Bytes icookie, Bytes rcookie, Bytes saiBody, Bytes gi, Bytes gr, Bytes ni, Bytes nr,
                        BigInteger x) {
        this.psk = psk;
        this.icookie = icookie;
        this.rcookie = rcookie;
        this.saiBody = saiBody;
        this.gi = gi;
        this.gr = gr;
        this.ni = ni;
        this.nr = nr;
        this.x = x;
        this.gxy = power(gr, x);
        Secret skeyid = Ikev1Kdf.skeyidPsk(prf, Secret.of(psk), ni, nr);
        this.keys = Ikev1Kdf.derivePhase1(prf, skeyid, Secret.of(gxy), icookie, rcookie, ENC, KEY_BITS);
        this.mi3Iv = Ikev1Kdf.phase1Iv(HASH, gi, gr, BS);
    }

    static SessionKeys recover(Bytes mi1, Bytes mi2, Bytes mr2, List<Bytes> initiatorDraws, String pskText) {
        try {
            IsakmpMessage m1 = IsakmpMessage.decode(mi1);
            IsakmpMessage m2 = IsakmpMessage.decode(mi2);
            IsakmpMessage m3 = IsakmpMessage.decode(mr2);
            Bytes sai = PayloadChain.encodeBody(m1.first(SaPayload.class).orElseThrow());
            Bytes gi = m2.first(KePayload.class).orElseThrow().keyData();
            Bytes gr = m3.first(KePayload.class).orElseThrow().keyData();
            BigInteger x = privateValueOf(gi, initiatorDraws);
            return new SessionKeys(Bytes.copyOf(pskText.getBytes(StandardCharsets.UTF_8)),
                    m1.header().initiatorCookie(), m3.header().responderCookie(), sai, gi, gr,
                    m2.first(NoncePayload.class).orElseThrow().nonce(), m3.first(NoncePayload.class).orElseThrow().nonce(),
                    x);
        } catch (MalformedMessageException e) {
            throw new AssertionError("reference message does not decode: " + e.detail(), e);
        }
    }

    /** The draw x with g^x mod p = {@code publicValue}. */
    static BigInteger privateValueOf(Bytes publicValue, List<Bytes> draws) {
        int len = GROUP.privateExponentBits() / 8;
        for (Bytes d : draws) {
            if (d.length() == len) {
                BigInteger x = new BigInteger(1, d.toArray());
                if (power(Bytes.copyOf(new byte[] {2}), x).equals(publicValue)) {
                    return x;
                }
            }
        }
        throw new AssertionError("no recorded draw is the private value of " + publicValue.slice(0, 8).toHex() + "...");
    }

    /** y^x mod p, left-padded to the group's length. */
    static Bytes power(Bytes y, BigInteger x) {
        return fixed(new BigInteger(1, y.toArray()).modPow(x, GROUP.prime()));
    }

    static Bytes fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[GROUP.byteLength()];
        int n = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - n, out, out.length - n, n);
        return Bytes.copyOf(out);
    }

    static Bytes hex(Secret s) {
        return Bytes.copyOf(s.expose());
    }

    // ---- encryption ----

    Bytes decrypt(Bytes ciphertext, Bytes iv) {
        return IkeCipher.decrypt(ENC, keys.encryptionKey(), iv, ciphertext);
    }

    /** The plaintext (padding included) of an encrypted datagram. */
    Bytes plaintext(Bytes datagram, Bytes iv) {
        return decrypt(IsakmpMessage.encryptedBody(datagram), iv);
    }

    /** The payloads of an encrypted datagram. */
    List<Payload> payloads(Bytes datagram, Bytes iv) {
        try {
            IsakmpHeader h = IsakmpHeader.decode(datagram);
            return PayloadChain.decode(h.nextPayload(), plaintext(datagram, iv), true);
        } catch (MalformedMessageException e) {
            throw new AssertionError("reference message does not decrypt: " + e.detail(), e);
        }
    }

    /**
     * Frames {@code plain} (zero-padded to whole blocks) encrypted with {@code iv} under {@code h}'s
     * cookies, exchange, flags and message ID; Next Payload is {@code firstType}, Length the size.
     */
    Bytes frame(IsakmpHeader h, int firstType, Bytes plain, Bytes iv) {
        int pad = (BS - plain.length() % BS) % BS;
        Bytes padded = pad == 0 ? plain : plain.concat(Bytes.zeros(pad));
        Bytes ct = padded.isEmpty() ? Bytes.EMPTY : IkeCipher.encrypt(ENC, keys.encryptionKey(), iv, padded);
        return IsakmpMessage.encodeWithBody(h, firstType, ct);
    }

    /** As {@link #frame}, for a payload list. */
    Bytes frame(IsakmpHeader h, List<Payload> payloads, Bytes iv) {
        return frame(h, PayloadChain.firstType(payloads), PayloadChain.encode(payloads), iv);
    }

    static IsakmpHeader header(Bytes datagram) {
        try {
            return IsakmpHeader.decode(datagram);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e.detail(), e);
        }
    }

    /** The last ciphertext block of an encrypted datagram: the IV of what follows it. */
    static Bytes lastBlock(Bytes datagram) {
        return datagram.slice(datagram.length() - BS);
    }

    /** Phase 2 IV for {@code msgid} after a Phase 1 that ended with {@code mr3}. */
    Bytes phase2Iv(Bytes mr3, long msgid) {
        return Ikev1Kdf.phase2Iv(HASH, lastBlock(mr3), msgid, BS);
    }

    // ---- authentication ----

    /** HASH_I over {@code id}'s body. */
    Bytes hashI(IdPayload id) {
        return Ikev1Kdf.hashI(prf, keys.skeyid(), gi, gr, icookie, rcookie, saiBody, PayloadChain.encodeBody(id));
    }

    /** HASH_R over {@code id}'s body. */
    Bytes hashR(IdPayload id) {
        return Ikev1Kdf.hashR(prf, keys.skeyid(), gi, gr, icookie, rcookie, saiBody, PayloadChain.encodeBody(id));
    }

    /** Quick Mode HASH(1) over the payloads that follow it. */
    Bytes qmHash1(long msgid, List<Payload> rest) {
        return Ikev1Kdf.qmHash1(prf, keys.skeyidA(), msgid, PayloadChain.encode(rest));
    }

    /** Informational HASH(1) over the payloads that follow it. */
    Bytes infoHash(long msgid, List<Payload> rest) {
        return Ikev1Kdf.infoHash(prf, keys.skeyidA(), msgid, PayloadChain.encode(rest));
    }

    /** QI1 under {@code template}'s header: a valid HASH(1) over {@code rest}, then {@code rest}. */
    Bytes qi1(Bytes mr3, Bytes template, List<Payload> rest) {
        long msgid = header(template).messageId();
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(qmHash1(msgid, rest)));
        all.addAll(rest);
        return quickRaw(phase2Iv(mr3, msgid), template, all);
    }

    /** QR1 answering {@code qi1}: a valid HASH(2) over {@code rest}, then {@code rest}. */
    Bytes qr1(Bytes qi1, Bytes niB, Bytes template, List<Payload> rest) {
        long msgid = header(template).messageId();
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(Ikev1Kdf.qmHash2(prf, keys.skeyidA(), msgid, niB, PayloadChain.encode(rest))));
        all.addAll(rest);
        return quickRaw(lastBlock(qi1), template, all);
    }

    /** A Quick Mode message under {@code template}'s header with exactly {@code all}, encrypted with {@code iv}. */
    Bytes quickRaw(Bytes iv, Bytes template, List<Payload> all) {
        return frame(header(template), all, iv);
    }

    /** HDR*, HASH(1), payloads: an authentic Informational exchange from west under this ISAKMP SA. */
    Bytes info(Bytes mr3, long msgid, List<Payload> payloads) {
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(infoHash(msgid, payloads)));
        all.addAll(payloads);
        return infoRaw(mr3, msgid, all);
    }

    /** HDR*, then exactly {@code all} (the test decides what HASH, if any, comes first). */
    Bytes infoRaw(Bytes mr3, long msgid, List<Payload> all) {
        IsakmpHeader h = new IsakmpHeader(icookie, rcookie, 0, 1, 0, org.jswan.ike.wire.ExchangeType.INFO.value(),
                IsakmpHeader.FLAG_ENCRYPTION, msgid, 0);
        return frame(h, all, phase2Iv(mr3, msgid));
    }
}
