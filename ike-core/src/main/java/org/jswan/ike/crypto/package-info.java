/**
 * The algorithm registry and the IKEv1 key schedule.
 *
 * <p>One enum per IANA registry, one constant per algorithm, each carrying its Oakley, IPsec DOI,
 * PF_KEY and JCA names: {@link org.jswan.ike.crypto.EncryptionAlgorithm} (with
 * {@link org.jswan.ike.crypto.IkeCipher} for CBC), {@link org.jswan.ike.crypto.HashAlgorithm}
 * (with its HMAC {@link org.jswan.ike.crypto.Prf}), {@link org.jswan.ike.crypto.IntegrityAlgorithm}
 * for AH/ESP and {@link org.jswan.ike.crypto.DhGroup} for the MODP groups. On top of them
 * {@link org.jswan.ike.crypto.Ikev1Kdf} computes RFC 2409 §5 and Appendix B (SKEYID, SKEYID_d/a/e,
 * the Phase 1 key and IVs, HASH_I/HASH_R, the Quick Mode and Informational hashes, KEYMAT), and
 * {@link org.jswan.ike.crypto.Phase1Crypto} encrypts ISAKMP bodies and keeps the CBC IV chain.
 * {@link org.jswan.ike.crypto.RsaSignatures} signs and verifies HASH_I / HASH_R (RFC 2409 §5.1,
 * PKCS#1 v1.5 block type 1 without DigestInfo), verifying by whole-block comparison only.
 *
 * <p>Everything here is a pure function of its arguments: no sockets, threads, clock or static
 * mutable state; randomness comes in as an {@link org.jswan.ike.base.Rng}. This is the only
 * package allowed to call {@link org.jswan.ike.base.Secret#expose()}: every computation that
 * needs the bytes of a key lives here, takes and returns {@link org.jswan.ike.base.Secret}s, and
 * wipes the copies it exposed. The expensive calls ({@link org.jswan.ike.crypto.DhGroup#publicValue}
 * and {@link org.jswan.ike.crypto.DhGroup#sharedSecret}, and the RSA signatures) are what the
 * engine runs as crypto jobs.
 */
package org.jswan.ike.crypto;
