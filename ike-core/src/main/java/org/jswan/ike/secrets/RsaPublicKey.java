package org.jswan.ike.secrets;

import java.math.BigInteger;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.text.TextForms;

/**
 * An RSA public key: modulus {@code n} and public exponent {@code e}. Its text and DNS form is the
 * RFC 3110 blob ({@link RsaPublicKeyBlob}); its short name is the {@link #keyId() key ID}.
 */
public record RsaPublicKey(BigInteger n, BigInteger e) {
    /** Characters of base64 in a key ID (keyblobtoid(3)). */
    public static final int KEY_ID_LENGTH = 9;

    public RsaPublicKey {
        if (n == null || e == null || n.signum() <= 0 || e.signum() <= 0) {
            throw new IllegalArgumentException("an RSA public key needs a positive modulus and exponent");
        }
    }

    /** Size of the modulus in bits. */
    public int bits() {
        return n.bitLength();
    }

    /** The RFC 3110 blob: exponent length, exponent, modulus. */
    public Bytes blob() {
        return RsaPublicKeyBlob.encode(this);
    }

    /**
     * FreeS/WAN's key ID (keyblobtoid(3)): the first nine characters of the base64 form of the
     * blob, e.g. {@code AQOKe6+kb}; pluto prints it after a '*' ({@code tried *AQOKe6+kb}).
     */
    public String keyId() {
        String b64 = TextForms.datatot(blob(), (char) 64);
        return b64.substring(0, Math.min(KEY_ID_LENGTH, b64.length()));
    }

    /** The {@code 0s…} text of the blob, as in {@code --pubkeyrsa} and {@code #pubkey=}. */
    public String toText() {
        return TextForms.datatot(blob(), 's');
    }

    @Override
    public String toString() {
        return "RSA public key " + bits() + " bits *" + keyId();
    }
}
