package org.jswan.ike.secrets;

import java.math.BigInteger;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.text.TextFormException;
import org.jswan.ike.text.TextForms;

/**
 * The RSA public key blob of RFC 3110 §2 (the layout of RFC 2537 §2), as used by
 * {@code --pubkeyrsa}, {@code leftrsasigkey} and DNS KEY records:
 *
 * <pre>
 *   +----------------+-------------------+---------------+
 *   | exponent length| exponent          | modulus       |
 *   | 1 or 3 octets  | length octets     | the rest      |
 *   +----------------+-------------------+---------------+
 * </pre>
 *
 * The length is one octet when it is 1..255; otherwise a zero octet and two octets, big-endian.
 */
public final class RsaPublicKeyBlob {
    /** RFC 3110 §2 / PKCS#1 v1.5 §6: a modulus has at least twelve octets. */
    static final int MIN_OCTETS_RFC = 12;
    /** jswan's minimum modulus size: 512 bits. */
    public static final int MIN_MODULUS_BITS = 512;
    /** jswan's maximum modulus size: 8192 bits (FreeS/WAN: 4096). */
    public static final int MAX_MODULUS_BITS = 8192;

    private RsaPublicKeyBlob() {
    }

    /**
     * Decodes a blob with FreeS/WAN's checks ({@code unpack_RSA_public_key}) plus one of jswan's:
     * the exponent must be odd and at least 3.
     */
    public static RsaPublicKey decode(Bytes blob) throws KeyFormatException {
        if (blob.length() < 3) {
            throw new KeyFormatException("RSA public key blob way too short");
        }
        int expLen;
        int expStart;
        if (blob.get(0) != 0) {
            expLen = blob.get(0);
            expStart = 1;
        } else {
            // RFC 3110 §2: a zero first octet means the length follows in two octets.
            expLen = blob.getU16(1);
            expStart = 3;
        }
        if (expLen == 0) {
            throw new KeyFormatException("RSA public key exponent length is zero");
        }
        if (blob.length() - expStart < expLen + MIN_OCTETS_RFC) {
            throw new KeyFormatException("RSA public key blob too short");
        }
        Bytes exp = blob.slice(expStart, expStart + expLen);
        Bytes mod = blob.slice(expStart + expLen);
        if (mod.get(0) == 0) {
            throw new KeyFormatException("RSA modulus shorter than specified");
        }
        checkModulusBits(mod.length() * 8 - Integer.numberOfLeadingZeros(mod.get(0)) + 24);
        BigInteger e = new BigInteger(1, exp.toArray());
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
            throw new KeyFormatException("RSA public exponent must be odd and at least 3");
        }
        if ((mod.get(mod.length() - 1) & 1) == 0) {
            // an RSA modulus is a product of two odd primes (security-and-users C-RSA-KEY)
            throw new KeyFormatException("RSA modulus is even");
        }
        return new RsaPublicKey(new BigInteger(1, mod.toArray()), e);
    }

    /** Decodes the ttodata text form ({@code 0s…} or {@code 0x…}) of a blob. */
    public static RsaPublicKey decodeText(String text) throws KeyFormatException {
        try {
            return decode(TextForms.ttodata(text));
        } catch (TextFormException e) {
            throw new KeyFormatException("RSA public key text malformed (" + e.getMessage() + ")");
        }
    }

    public static Bytes encode(RsaPublicKey key) {
        Bytes e = unsigned(key.e());
        Bytes n = unsigned(key.n());
        Bytes len = e.length() <= 255 ? Bytes.of(e.length()) : Bytes.concat(Bytes.of(0), Bytes.u16(e.length()));
        return Bytes.concat(len, e, n);
    }

    static void checkModulusBits(int bits) throws KeyFormatException {
        if (bits < MIN_MODULUS_BITS) {
            throw new KeyFormatException("RSA modulus too small for security: " + bits
                    + " bits (at least " + MIN_MODULUS_BITS + " required)");
        }
        if (bits > MAX_MODULUS_BITS) {
            throw new KeyFormatException("RSA modulus too large: " + bits
                    + " bits (at most " + MAX_MODULUS_BITS + " supported)");
        }
    }

    /** Big-endian bytes without a sign octet. */
    static Bytes unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            return Bytes.copyOf(b, 1, b.length - 1);
        }
        return Bytes.copyOf(b);
    }
}
