package org.jswan.ike.crypto;

import java.util.Objects;
import org.jswan.ike.base.Secret;

/**
 * The ISAKMP SA's keys (RFC 2409 §5): SKEYID and the three keys derived from it, plus the
 * Phase 1 cipher key Ka cut from SKEYID_e (Appendix B). All opaque; {@link #close()} zeroises
 * them (including {@code skeyid}, which the caller passed in).
 */
public record Phase1Keys(Secret skeyid, Secret skeyidD, Secret skeyidA, Secret skeyidE, Secret encryptionKey)
        implements AutoCloseable {
    public Phase1Keys {
        Objects.requireNonNull(skeyid, "skeyid");
        Objects.requireNonNull(skeyidD, "skeyidD");
        Objects.requireNonNull(skeyidA, "skeyidA");
        Objects.requireNonNull(skeyidE, "skeyidE");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
    }

    @Override
    public void close() {
        skeyid.close();
        skeyidD.close();
        skeyidA.close();
        skeyidE.close();
        encryptionKey.close();
    }
}
