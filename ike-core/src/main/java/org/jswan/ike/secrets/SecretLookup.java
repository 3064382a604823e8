package org.jswan.ike.secrets;

import java.util.Optional;

/**
 * The outcome of a secret lookup: the key found, if any, and a diagnostic worth logging (two
 * equally good records that disagree). The diagnostic names records by file and line only.
 */
public record SecretLookup<T>(Optional<T> found, Optional<String> diagnostic) {
    static <T> SecretLookup<T> none() {
        return new SecretLookup<>(Optional.empty(), Optional.empty());
    }
}
