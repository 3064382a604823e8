package org.jswan.ike.secrets;

/**
 * The parsed ipsec.secrets: PSK (and later RSA) entries with their index IDs.
 *
 * <p>STUB CONTRACT — to be completed by the ipsec.secrets work.
 */
public final class SecretsTable {
    private SecretsTable() {
    }

    public static SecretsTable empty() {
        return new SecretsTable();
    }
}
