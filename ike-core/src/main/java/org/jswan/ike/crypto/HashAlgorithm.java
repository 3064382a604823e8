package org.jswan.ike.crypto;

import java.security.MessageDigest;
import org.jswan.ike.base.Bytes;

/**
 * Hash functions keyed by the Oakley Hash Algorithm attribute (RFC 2409 Appendix A, class 2;
 * the SHA-2 values 4 to 6 are IANA's). In IKEv1 the negotiated hash also fixes the PRF: HMAC with
 * that hash, as no PRF attribute is ever negotiated (RFC 2409 §4), see {@link #prf()}.
 */
public enum HashAlgorithm {
    MD5(1, "OAKLEY_MD5", "MD5", "HmacMD5", 16),
    SHA1(2, "OAKLEY_SHA", "SHA-1", "HmacSHA1", 20),
    SHA2_256(4, "OAKLEY_SHA2_256", "SHA-256", "HmacSHA256", 32),
    SHA2_384(5, "OAKLEY_SHA2_384", "SHA-384", "HmacSHA384", 48),
    SHA2_512(6, "OAKLEY_SHA2_512", "SHA-512", "HmacSHA512", 64);

    private final int oakleyId;
    private final String oakleyName;
    private final String jcaDigest;
    private final String jcaHmac;
    private final int outputLength;
    private final Prf prf;

    HashAlgorithm(int oakleyId, String oakleyName, String jcaDigest, String jcaHmac, int outputLength) {
        this.oakleyId = oakleyId;
        this.oakleyName = oakleyName;
        this.jcaDigest = jcaDigest;
        this.jcaHmac = jcaHmac;
        this.outputLength = outputLength;
        this.prf = new Prf(this);
    }

    /** Value of the Oakley HASH_ALGORITHM attribute. */
    public int oakleyId() {
        return oakleyId;
    }

    /** Name as pluto prints it, e.g. {@code OAKLEY_SHA}. */
    public String oakleyName() {
        return oakleyName;
    }

    /** JCA {@code MessageDigest} name. */
    public String jcaDigest() {
        return jcaDigest;
    }

    /** JCA {@code Mac} name of HMAC over this hash. */
    public String jcaHmac() {
        return jcaHmac;
    }

    /** Digest length in bytes (also the PRF output length). */
    public int outputLength() {
        return outputLength;
    }

    /** The digest of the concatenation of {@code parts}. */
    public Bytes hash(Bytes... parts) {
        MessageDigest md = Jca.digest(jcaDigest);
        for (Bytes p : parts) {
            md.update(p.asReadOnlyBuffer());
        }
        return Bytes.copyOf(md.digest());
    }

    /** HMAC with this hash: the IKEv1 PRF when no PRF attribute is negotiated (RFC 2409 §4). */
    public Prf prf() {
        return prf;
    }

    /** The hash with this Oakley number, or null if jswan does not implement it. */
    public static HashAlgorithm fromOakley(int id) {
        for (HashAlgorithm h : values()) {
            if (h.oakleyId == id) {
                return h;
            }
        }
        return null;
    }
}
