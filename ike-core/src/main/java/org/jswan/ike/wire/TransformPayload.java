package org.jswan.ike.wire;

import java.util.List;
import java.util.Optional;

/**
 * A Transform payload (RFC 2408 §3.6): one transform of a proposal with its SA attributes.
 *
 * @param number      transform number, 0..255
 * @param transformId transform identifier: {@link KeyTransformId} for ISAKMP, {@link EspTransformId},
 *                    {@link AhTransformId} or {@link IpcompTransformId} for the IPsec protocols
 * @param attributes  the SA attributes in wire order (unknown classes included)
 */
public record TransformPayload(int number, int transformId, List<SaAttribute> attributes) implements Payload {
    public TransformPayload {
        Check.u8(number, "transform number");
        Check.u8(transformId, "transform ID");
        attributes = Check.list(attributes, "attributes");
    }

    @Override
    public int type() {
        return PayloadType.T.value();
    }

    /** The first attribute of class {@code attributeType}, if any. */
    public Optional<SaAttribute> attribute(int attributeType) {
        for (SaAttribute a : attributes) {
            if (a.type() == attributeType) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
