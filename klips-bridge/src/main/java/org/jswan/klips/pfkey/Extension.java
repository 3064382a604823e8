package org.jswan.klips.pfkey;

/**
 * One extension of a PF_KEY message (RFC 2367 §2.3): after the base header, each begins
 *
 * <pre>
 *  0  sadb_ext_len   u16  length in 64-bit words, this header included (never 0)
 *  2  sadb_ext_type  u16  {@link ExtType}
 * </pre>
 *
 * The length is derived when encoding and checked when decoding, so no record carries it.
 */
public sealed interface Extension permits SadbSa, SadbLifetime, SadbAddress, SadbKey, SadbIdent, SadbProp,
        SadbSupported, SadbSpirange, SadbXSatype, SadbProtocol, SadbXNatTType, SadbXNatTPort, RawExtension {

    /** {@code sadb_ext_type}. */
    int typeNumber();
}
