package org.jswan.ike.crypto;

import java.math.BigInteger;
import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Rng;
import org.jswan.ike.base.Secret;

/**
 * The MODP Diffie-Hellman groups, keyed by the Oakley GROUP_DESCRIPTION attribute (RFC 2409
 * Appendix A class 4, RFC 3526). Generator 2 for all.
 *
 * <p>Private exponents are short: twice the group's security strength, at least 256 bits. That is
 * FreeS/WAN's 256-bit secret for MODP1024 to MODP3072 and grows past it for the larger groups;
 * a full-size exponent would cost 4 to 8 times as much ({@code reference/performance-anchors.md}
 * §2). Strengths follow NIST SP 800-57 (80 / 112 / 128 for 1024 / 2048 / 3072 bits) and are
 * interpolated for the others: 1536 → 96, 4096 → 152, 6144 → 176, 8192 → 200.
 *
 * <p>{@link #generatePrivate} is cheap; {@link #publicValue} and {@link #sharedSecret} each do one
 * modular exponentiation and are what the engine runs as crypto jobs.
 */
public enum DhGroup {
    MODP1024(2, "OAKLEY_GROUP_MODP1024", ModpPrimes.MODP1024, 80),
    MODP1536(5, "OAKLEY_GROUP_MODP1536", ModpPrimes.MODP1536, 96),
    MODP2048(14, "OAKLEY_GROUP_MODP2048", ModpPrimes.MODP2048, 112),
    MODP3072(15, "OAKLEY_GROUP_MODP3072", ModpPrimes.MODP3072, 128),
    MODP4096(16, "OAKLEY_GROUP_MODP4096", ModpPrimes.MODP4096, 152),
    MODP6144(17, "OAKLEY_GROUP_MODP6144", ModpPrimes.MODP6144, 176),
    MODP8192(18, "OAKLEY_GROUP_MODP8192", ModpPrimes.MODP8192, 200);

    private static final BigInteger GENERATOR = BigInteger.TWO;

    private final int oakleyId;
    private final String oakleyName;
    private final BigInteger p;
    private final BigInteger pMinus1;
    private final int byteLength;
    private final int strength;

    DhGroup(int oakleyId, String oakleyName, String primeHex, int strength) {
        this.oakleyId = oakleyId;
        this.oakleyName = oakleyName;
        this.p = new BigInteger(primeHex.replaceAll("\\s", ""), 16);
        this.pMinus1 = p.subtract(BigInteger.ONE);
        this.byteLength = (p.bitLength() + 7) / 8;
        this.strength = strength;
    }

    /** Value of the Oakley GROUP_DESCRIPTION attribute (also the IPsec DOI GROUP_DESCRIPTION). */
    public int oakleyId() {
        return oakleyId;
    }

    /** Name as pluto prints it, e.g. {@code OAKLEY_GROUP_MODP1536}. */
    public String oakleyName() {
        return oakleyName;
    }

    /** Length of p in bytes: the length of every public value and of g^xy. */
    public int byteLength() {
        return byteLength;
    }

    /** The prime p, as printed in the RFC. */
    public BigInteger prime() {
        return p;
    }

    public BigInteger generator() {
        return GENERATOR;
    }

    /** Estimated security strength in bits (see the class comment for the table). */
    public int securityStrengthBits() {
        return strength;
    }

    /** Length of our private exponents: twice the strength, at least 256 bits. */
    public int privateExponentBits() {
        return Math.max(256, 2 * strength);
    }

    /** The group with this Oakley number, or null if jswan does not implement it. */
    public static DhGroup fromOakley(int id) {
        for (DhGroup g : values()) {
            if (g.oakleyId == id) {
                return g;
            }
        }
        return null;
    }

    /** A fresh private exponent of {@link #privateExponentBits()} random bits (never 0 or 1). */
    public DhPrivate generatePrivate(Rng rng) {
        byte[] x = new byte[privateExponentBits() / 8];
        try {
            do {
                rng.nextBytes(x);
            } while (belowTwo(x));
            return new DhPrivate(this, Secret.copyOf(x));
        } finally {
            Jca.wipe(x);
        }
    }

    private static boolean belowTwo(byte[] x) {
        int high = 0;
        for (int i = 0; i < x.length - 1; i++) {
            high |= x[i];
        }
        return high == 0 && (x[x.length - 1] & 0xff) < 2;
    }

    /** Our public value g^x mod p, left-padded with zeros to {@link #byteLength()} bytes. */
    public Bytes publicValue(DhPrivate x) {
        BigInteger e = exponent(x);
        return Bytes.copyOf(fixedLength(GENERATOR.modPow(e, p)));
    }

    /**
     * The shared secret g^xy mod p, left-padded to {@link #byteLength()} bytes, after
     * {@link #validatePublicValue} has accepted {@code peerPublic}. A rejected value costs no
     * exponentiation and does not touch {@code x}.
     */
    public Secret sharedSecret(DhPrivate x, Bytes peerPublic) throws InvalidPublicValueException {
        BigInteger y = checkedPublicValue(peerPublic);
        BigInteger e = exponent(x);
        byte[] z = fixedLength(y.modPow(e, p));
        try {
            return Secret.copyOf(z);
        } finally {
            Jca.wipe(z);
        }
    }

    /**
     * Checks a peer's public value: exactly {@link #byteLength()} bytes (RFC 2409 §5: "the
     * Diffie-Hellman public value passed in a KE payload ... MUST be the length of the negotiated
     * Diffie-Hellman group"), and 1 &lt; y &lt; p-1. Only the range is checked, no subgroup
     * exponentiation: p is a safe prime, so the only small subgroups are {1} and {1, p-1}, and
     * the range excludes both.
     */
    public void validatePublicValue(Bytes peerPublic) throws InvalidPublicValueException {
        checkedPublicValue(peerPublic);
    }

    private BigInteger checkedPublicValue(Bytes y) throws InvalidPublicValueException {
        // RFC 2409 §5: the KE value MUST be the length of the negotiated group (zero-prefixed).
        if (y.length() != byteLength) {
            throw new InvalidPublicValueException(this, "has " + y.length() + " bytes, must have " + byteLength);
        }
        BigInteger v = new BigInteger(1, y.toArray());
        // jswan (DESIGN.md "Crypto choices"): the range test 1 < y < p-1 only, no y^q mod p.
        if (v.compareTo(BigInteger.ONE) <= 0) {
            throw new InvalidPublicValueException(this, "is " + v + ", must be greater than 1");
        }
        if (v.compareTo(pMinus1) >= 0) {
            throw new InvalidPublicValueException(this, "is " + (v.equals(pMinus1) ? "p-1" : "p or larger")
                    + ", must be less than p-1");
        }
        return v;
    }

    private BigInteger exponent(DhPrivate x) {
        if (x.group() != this) {
            throw new IllegalArgumentException(x + " used with " + oakleyName);
        }
        byte[] raw = x.x().expose();
        try {
            // jswan: the BigInteger copy of x cannot be zeroised; it dies with this call.
            return new BigInteger(1, raw);
        } finally {
            Jca.wipe(raw);
        }
    }

    private byte[] fixedLength(BigInteger v) {
        byte[] raw = v.toByteArray(); // big-endian, possibly with a leading sign byte
        if (raw.length == byteLength) {
            return raw;
        }
        byte[] out = new byte[byteLength];
        int n = Math.min(raw.length, byteLength);
        System.arraycopy(raw, raw.length - n, out, byteLength - n, n);
        Jca.wipe(raw);
        return out;
    }
}
