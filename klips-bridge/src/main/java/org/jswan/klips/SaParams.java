package org.jswan.klips;

import java.util.Objects;

/**
 * One SA to add. Algorithm numbers are PF_KEYv2's ({@code SADB_EALG_*}, {@code SADB_AALG_*},
 * {@code SADB_X_CALG_*}); 0 means none.
 *
 * @param natSrcPort UDP encapsulation source port (RFC 3948), 0 when not encapsulated
 * @param natDstPort UDP encapsulation destination port, 0 when not encapsulated
 */
public record SaParams(SaRef sa, boolean inbound, boolean tunnel, int encryptAlg, KeyMaterial encryptKey,
                       int integrityAlg, KeyMaterial integrityKey, int natSrcPort, int natDstPort) {
    public SaParams {
        Objects.requireNonNull(sa, "sa");
        encryptKey = encryptKey == null ? KeyMaterial.NONE : encryptKey;
        integrityKey = integrityKey == null ? KeyMaterial.NONE : integrityKey;
    }

    @Override
    public String toString() {
        return sa + (inbound ? " inbound" : " outbound") + (tunnel ? " tunnel" : " transport")
                + " enc " + encryptAlg + " " + encryptKey + " auth " + integrityAlg + " " + integrityKey
                + (natDstPort != 0 ? " udp-encap " + natSrcPort + "->" + natDstPort : "");
    }
}
