package org.jswan.klips.pfkey;

/** {@code sadb_ident_type}, RFC 2367 §2.3.5. Kept loose in {@link SadbIdent}, so constants. */
public final class IdentType {
    public static final int RESERVED = 0;
    public static final int PREFIX = 1;
    public static final int FQDN = 2;
    public static final int USERFQDN = 3;

    private IdentType() {
    }
}
