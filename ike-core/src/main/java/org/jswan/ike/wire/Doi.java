package org.jswan.ike.wire;

/**
 * Domain of Interpretation numbers (RFC 2408 §3.4) and the IPsec DOI situation bits
 * (RFC 2407 §4.2). Only {@link #IPSEC} with {@link #SIT_IDENTITY_ONLY} is spoken.
 */
public final class Doi {
    /** The generic ISAKMP DOI (0), allowed in Notification and Delete payloads. */
    public static final int ISAKMP = 0;
    /** The IPsec DOI (1), RFC 2407. */
    public static final int IPSEC = 1;

    /** RFC 2407 §4.2.1: the SA is identified by source identity information alone. */
    public static final int SIT_IDENTITY_ONLY = 1;
    /** RFC 2407 §4.2.2: labelled secrecy; not supported (adds variable situation data). */
    public static final int SIT_SECRECY = 2;
    /** RFC 2407 §4.2.3: labelled integrity; not supported (adds variable situation data). */
    public static final int SIT_INTEGRITY = 4;

    private Doi() {
    }

    /** "ISAKMP_DOI_ISAKMP", "ISAKMP_DOI_IPSEC", or the decimal number. */
    public static String nameOf(long doi) {
        if (doi == ISAKMP) {
            return "ISAKMP_DOI_ISAKMP";
        }
        if (doi == IPSEC) {
            return "ISAKMP_DOI_IPSEC";
        }
        return Long.toString(doi);
    }

    /**
     * The situation bitmask as names joined by '+' ("SIT_IDENTITY_ONLY+SIT_SECRECY"), with any
     * unknown bits shown once in hex: the text stays short whatever the peer sent (CVE-2015-3204).
     */
    public static String situationName(long situation) {
        StringBuilder sb = new StringBuilder();
        long rest = situation;
        if ((rest & SIT_IDENTITY_ONLY) != 0) {
            sb.append("SIT_IDENTITY_ONLY");
        }
        if ((rest & SIT_SECRECY) != 0) {
            sb.append(sb.length() > 0 ? "+" : "").append("SIT_SECRECY");
        }
        if ((rest & SIT_INTEGRITY) != 0) {
            sb.append(sb.length() > 0 ? "+" : "").append("SIT_INTEGRITY");
        }
        rest &= ~(long) (SIT_IDENTITY_ONLY | SIT_SECRECY | SIT_INTEGRITY);
        if (rest != 0) {
            sb.append(sb.length() > 0 ? "+" : "").append("0x").append(Long.toHexString(rest));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
