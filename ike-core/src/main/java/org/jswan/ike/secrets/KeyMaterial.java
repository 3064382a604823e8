package org.jswan.ike.secrets;

/** The key part of an ipsec.secrets record: a pre-shared key or an RSA private key. */
public sealed interface KeyMaterial permits PreSharedKey, RsaPrivateKey {
    /** {@code PSK} or {@code RSA}, as ipsec.secrets(5) names the kinds. */
    String kindName();

    /** Whether two keys are the same secret (used when two records match equally well). */
    boolean sameKeyAs(KeyMaterial other);
}
