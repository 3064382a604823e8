package org.jswan.ike.spdb;

import java.time.Duration;
import org.jswan.ike.crypto.DhGroup;
import org.jswan.ike.crypto.EncryptionAlgorithm;
import org.jswan.ike.crypto.IntegrityAlgorithm;

/**
 * One Phase 2 transform for one protocol: for ESP a cipher and optional integrity algorithm,
 * for AH an integrity algorithm, for IPCOMP the compression id; with encapsulation mode,
 * lifetime and the PFS group (null without PFS).
 */
public record IpsecTransform(int protocolId, int transformId, EncryptionAlgorithm encryption, int keyBits,
                             IntegrityAlgorithm integrity, int encapsulation, Duration lifetime, DhGroup pfsGroup) {

    public String label() {
        StringBuilder sb = new StringBuilder();
        if (encryption != null) {
            sb.append(encryption == EncryptionAlgorithm.AES_CBC ? "AES_CBC_" + keyBits : "3DES_CBC");
        } else if (protocolId == org.jswan.ike.wire.ProtocolId.IPCOMP.value()) {
            sb.append(org.jswan.ike.wire.IpcompTransformId.nameOf(transformId));
        } else {
            sb.append(org.jswan.ike.wire.AhTransformId.nameOf(transformId));
        }
        if (integrity != null && encryption != null) {
            sb.append('-').append(integrity.name());
        }
        return sb.toString();
    }

    public IpsecTransform withLifetime(Duration d) {
        return new IpsecTransform(protocolId, transformId, encryption, keyBits, integrity, encapsulation, d, pfsGroup);
    }
}
