package org.jswan.ike.wire;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.testing.Pcapng;

/**
 * The ISAKMP frames of the two charon captures, with every encrypted body decrypted: the
 * summaries name the Phase 1 encryption key (AES-128-CBC, SHA-1), and the IVs follow RFC 2409
 * App. B from the KE payloads of MM3/MM4 — so the test needs nothing else from the logs.
 */
final class Captures {
    static final String PSK = "psk-tunnel-pfs.pcapng";
    static final String RSA = "rsa-tunnel.pcapng";
    private static final Map<String, String> KA = Map.of(
            PSK, "e8c6c9dda0c62e429a4e0c5453db5787",
            RSA, "39556ad755ab49a2fdaf9263fa2fdc2c");

    /** One ISAKMP frame: its datagram and, when encrypted, the decrypted body (padding included). */
    record Frame(int number, Bytes datagram, Bytes plaintext) {
    }

    private Captures() {
    }

    static List<Frame> frames(String capture) {
        List<Frame> out = new ArrayList<>();
        Bytes key = Bytes.fromHex(KA.get(capture));
        Bytes gxi = null;
        Bytes gxr = null;
        Bytes phase1Iv = null;
        Map<Long, Bytes> ivByMsgId = new HashMap<>();
        try {
            for (Pcapng.UdpFrame f : Pcapng.readResource(capture)) {
                if (f.isEspInUdp()) {
                    continue;
                }
                Bytes d = f.isakmp();
                IsakmpHeader h = IsakmpHeader.decode(d);
                if (!h.encrypted()) {
                    IsakmpMessage m = IsakmpMessage.decode(d);
                    if (m.first(KePayload.class).isPresent() && h.messageId() == 0) {
                        if (gxi == null) {
                            gxi = m.first(KePayload.class).get().keyData();
                        } else {
                            gxr = m.first(KePayload.class).get().keyData();
                        }
                    }
                    out.add(new Frame(f.number(), d, null));
                    continue;
                }
                Bytes body = IsakmpMessage.encryptedBody(d);
                Bytes iv;
                if (h.messageId() == 0) {
                    // RFC 2409 App. B: Phase 1 IV = HASH(g^xi | g^xr), then the last cipher block.
                    iv = phase1Iv != null ? phase1Iv : sha1(gxi.concat(gxr)).slice(0, 16);
                } else {
                    // RFC 2409 App. B: first IV of a Phase 2 / Informational exchange is
                    // HASH(last Phase 1 CBC block | M-ID); later ones chain within the exchange.
                    iv = ivByMsgId.getOrDefault(h.messageId(), sha1(phase1Iv.concat(Bytes.u32(h.messageId()))).slice(0, 16));
                }
                Bytes plain = aesCbcDecrypt(key, iv, body);
                Bytes lastBlock = body.slice(body.length() - 16);
                if (h.messageId() == 0) {
                    phase1Iv = lastBlock;
                } else {
                    ivByMsgId.put(h.messageId(), lastBlock);
                }
                out.add(new Frame(f.number(), d, plain));
            }
        } catch (MalformedMessageException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static Frame frame(String capture, int number) {
        return frames(capture).stream().filter(f -> f.number() == number).findFirst().orElseThrow();
    }

    private static Bytes sha1(Bytes in) throws GeneralSecurityException {
        return Bytes.copyOf(MessageDigest.getInstance("SHA-1").digest(in.toArray()));
    }

    private static Bytes aesCbcDecrypt(Bytes key, Bytes iv, Bytes body) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.toArray(), "AES"), new IvParameterSpec(iv.toArray()));
        return Bytes.copyOf(c.doFinal(body.toArray()));
    }
}
