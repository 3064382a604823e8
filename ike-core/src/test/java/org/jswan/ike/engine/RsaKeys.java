package org.jswan.ike.engine;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.jswan.ike.secrets.RsaPrivateKey;

/** Test RSA keys (seeded, so every run has the same ones) in ipsec.secrets and --pubkeyrsa form. */
final class RsaKeys {
    private RsaKeys() {
    }

    static RsaPrivateKey generate(int bits, long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new java.security.spec.RSAKeyGenParameterSpec(bits, java.security.spec.RSAKeyGenParameterSpec.F4), r);
            return RsaPrivateKey.of((RSAPrivateCrtKey) g.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code INDEX : RSA { ... }} as FreeS/WAN's ipsec.secrets has it. */
    static String secrets(String index, RsaPrivateKey k) {
        return (index.isEmpty() ? "" : index + " ") + ": RSA {\n"
                + "\tModulus: " + hex(k.n()) + "\n"
                + "\tPublicExponent: " + hex(k.e()) + "\n"
                + "\tPrivateExponent: " + hex(k.d()) + "\n"
                + "\tPrime1: " + hex(k.p()) + "\n"
                + "\tPrime2: " + hex(k.q()) + "\n"
                + "\tExponent1: " + hex(k.dP()) + "\n"
                + "\tExponent2: " + hex(k.dQ()) + "\n"
                + "\tCoefficient: " + hex(k.qInv()) + "\n"
                + "\t}\n";
    }

    /** The --pubkeyrsa bytes (RFC 3110 blob). */
    static org.jswan.ike.base.Bytes blob(RsaPrivateKey k) {
        return k.publicKey().blob();
    }

    static String text(RsaPrivateKey k) {
        return "0s" + Base64.getEncoder().encodeToString(k.publicKey().blob().toArray());
    }

    private static String hex(BigInteger v) {
        String h = v.toString(16);
        return "0x" + (h.length() % 2 == 1 ? "0" + h : h);
    }
}
