package org.jswan.ike.secrets;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Optional;

/**
 * An RSA private key with its CRT values, as ipsec.secrets writes it: {@code Modulus} n,
 * {@code PublicExponent} e, {@code PrivateExponent} d, {@code Prime1} p, {@code Prime2} q,
 * {@code Exponent1} dP = d mod (p-1), {@code Exponent2} dQ = d mod (q-1), {@code Coefficient}
 * qInv = q⁻¹ mod p. {@link #toString()} shows only the public part.
 */
public record RsaPrivateKey(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
        BigInteger dP, BigInteger dQ, BigInteger qInv) implements KeyMaterial {
    private static final BigInteger THREE = BigInteger.valueOf(3);

    public RsaPrivateKey {
        for (BigInteger v : new BigInteger[] {n, e, d, p, q, dP, dQ, qInv}) {
            java.util.Objects.requireNonNull(v, "RSA key field");
        }
    }

    /** The key from a JCA CRT private key (e.g. from {@code KeyPairGenerator("RSA")}). */
    public static RsaPrivateKey of(RSAPrivateCrtKey k) {
        return new RsaPrivateKey(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
                k.getCrtCoefficient());
    }

    public RsaPublicKey publicKey() {
        return new RsaPublicKey(n, e);
    }

    public int bits() {
        return n.bitLength();
    }

    /**
     * What is wrong with the key, if anything: FreeS/WAN's {@code RSA_private_key_sanity} checks
     * (size, n = p·q, e·d ≡ 1 mod lcm(p-1, q-1), dP, dQ, qInv) plus jswan's (e odd and at least 3,
     * p ≠ q, every value positive). A d computed mod (p-1)(q-1), as {@code rsasigkey --noopt}
     * made it, passes: lcm(p-1, q-1) divides (p-1)(q-1). The texts name no key material.
     */
    public Optional<String> consistencyProblem() {
        for (BigInteger v : new BigInteger[] {n, e, d, p, q, dP, dQ, qInv}) {
            if (v.signum() <= 0) {
                return Optional.of("RSA key field not positive");
            }
        }
        try {
            RsaPublicKeyBlob.checkModulusBits(n.bitLength());
        } catch (KeyFormatException ex) {
            return Optional.of(ex.getMessage());
        }
        if (!e.testBit(0) || e.compareTo(THREE) < 0) {
            return Optional.of("RSA public exponent must be odd and at least 3");
        }
        if (p.compareTo(THREE) < 0 || q.compareTo(THREE) < 0 || p.equals(q)) {
            return Optional.of("RSA primes must be distinct and greater than 2");
        }
        if (!p.multiply(q).equals(n)) {
            return Optional.of("n != p * q");
        }
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        BigInteger lcm = p1.multiply(q1).divide(p1.gcd(q1));
        if (!d.multiply(e).mod(lcm).equals(BigInteger.ONE)) {
            return Optional.of("(d * e) mod (lcm(p-1, q-1)) != 1");
        }
        if (!d.mod(p1).equals(dP)) {
            return Optional.of("dP is not congruent to d mod (p-1)");
        }
        if (!d.mod(q1).equals(dQ)) {
            return Optional.of("dQ is not congruent to d mod (q-1)");
        }
        if (qInv.compareTo(p) >= 0 || !qInv.multiply(q).mod(p).equals(BigInteger.ONE)) {
            return Optional.of("qInv is not congruent to (q^-1) mod p");
        }
        return Optional.empty();
    }

    @Override
    public String kindName() {
        return "RSA";
    }

    /** Equal public keys mean equal private keys (FreeS/WAN compared RSA secrets this way too). */
    @Override
    public boolean sameKeyAs(KeyMaterial other) {
        return other instanceof RsaPrivateKey r && n.equals(r.n) && e.equals(r.e);
    }

    @Override
    public String toString() {
        String id = n.signum() > 0 && e.signum() > 0 ? " *" + publicKey().keyId() : "";
        return "RSA private key " + bits() + " bits" + id;
    }
}
