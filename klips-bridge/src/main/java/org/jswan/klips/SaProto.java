package org.jswan.klips;

/**
 * The protocol of one SA, with the SADB SA type PF_KEYv2 gives it (RFC 2367 §2.3.3; IPIP, IPCOMP
 * and INT are KLIPS extensions). {@link #INT} names KLIPS's internal shunt "SAs" ({@link Shunt}),
 * which exist only as eroute targets.
 */
public enum SaProto {
    AH(2, "ah"),
    ESP(3, "esp"),
    IPIP(9, "tun"),
    IPCOMP(10, "comp"),
    /** {@code SADB_X_SATYPE_INT}: the shunts {@code %pass}, {@code %drop}, ... */
    INT(11, "int");

    private final int sadbType;
    private final String prefix;

    SaProto(int sadbType, String prefix) {
        this.sadbType = sadbType;
        this.prefix = prefix;
    }

    /** {@code SADB_SATYPE_*} / {@code SADB_X_SATYPE_*}. */
    public int sadbType() {
        return sadbType;
    }

    /** The prefix of KLIPS's SA ID text: {@code esp}, {@code ah}, {@code tun}, {@code comp}, {@code int}. */
    public String prefix() {
        return prefix;
    }
}
