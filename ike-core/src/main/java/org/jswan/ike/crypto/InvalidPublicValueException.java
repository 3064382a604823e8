package org.jswan.ike.crypto;

import java.security.InvalidKeyException;

/**
 * A peer's Diffie-Hellman public value (the KE payload's Key Exchange Data) that fails the checks
 * of {@link DhGroup#validatePublicValue}: wrong length, or not in the range 1 &lt; y &lt; p-1. The
 * engine answers it with INVALID_KEY_INFORMATION. It is an {@link InvalidKeyException}, so code
 * written against the JCA exception catches it too.
 */
public final class InvalidPublicValueException extends InvalidKeyException {
    private final DhGroup group;

    public InvalidPublicValueException(DhGroup group, String detail) {
        super(group.oakleyName() + " public value " + detail);
        this.group = group;
    }

    public DhGroup group() {
        return group;
    }
}
