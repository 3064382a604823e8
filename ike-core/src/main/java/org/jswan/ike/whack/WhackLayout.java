package org.jswan.ike.whack;

/**
 * Byte offsets of {@code struct whack_message} as gcc lays it out on x86-64 (LP64, natural
 * alignment, little-endian): FreeS/WAN 2.0x's field order as Openswan 2.0.0 has it (reference
 * §1.3), then jswan's extension block right before {@code str_size}, so that the BASIC part
 * (magic, status, shutdown) stays at 0/4/8. The table is {@code docs/whack-message.md}.
 *
 * <p>C sizes: {@code bool} = int = 4, {@code lset_t}/{@code size_t}/{@code time_t}/pointers = 8,
 * {@code ip_address} = 28 (union of {@code sockaddr_in} and {@code sockaddr_in6}),
 * {@code ip_subnet} = 32 (address + {@code int maskbits}).
 */
public final class WhackLayout {
    private WhackLayout() {
    }

    /** {@code sizeof(ip_address)}. */
    public static final int IP_ADDRESS_SIZE = 28;
    /** {@code sizeof(ip_subnet)}: the address, then {@code int maskbits} at 28. */
    public static final int IP_SUBNET_SIZE = 32;

    // ---- struct whack_end, offsets relative to the end's start ----
    public static final int END_ID = 0;
    public static final int END_CERT = 8;
    public static final int END_CA = 16;
    public static final int END_HOST_ADDR = 24;
    public static final int END_HOST_NEXTHOP = 52;
    public static final int END_CLIENT = 80;
    public static final int END_KEY_FROM_DNS_ON_DEMAND = 112;
    public static final int END_HAS_CLIENT = 116;
    public static final int END_HAS_CLIENT_WILDCARD = 120;
    public static final int END_UPDOWN = 128;
    public static final int END_HOST_PORT = 136;
    public static final int END_PORT = 138;
    public static final int END_PROTOCOL = 140;
    /** {@code sizeof(struct whack_end)}: 141 rounded up to the 8-byte alignment of its pointers. */
    public static final int END_SIZE = 144;

    // ---- struct whack_message ----
    public static final int MAGIC = 0;
    public static final int WHACK_STATUS = 4;
    public static final int WHACK_SHUTDOWN = 8;
    /** End of the BASIC part: pluto's runt limit {@code offsetof(whack_shutdown) + sizeof}. */
    public static final int BASIC_SIZE = 12;
    public static final int NAME_LEN = 16;
    public static final int NAME = 24;
    public static final int WHACK_OPTIONS = 32;
    public static final int DEBUGGING = 40;
    public static final int WHACK_CONNECTION = 48;
    public static final int WHACK_ASYNC = 52;
    public static final int POLICY = 56;
    public static final int SA_IKE_LIFE_SECONDS = 64;
    public static final int SA_IPSEC_LIFE_SECONDS = 72;
    public static final int SA_REKEY_MARGIN = 80;
    public static final int SA_REKEY_FUZZ = 88;
    public static final int SA_KEYING_TRIES = 96;
    public static final int LEFT = 104;
    public static final int RIGHT = 248;
    public static final int ADDR_FAMILY = 392;
    public static final int TUNNEL_ADDR_FAMILY = 394;
    public static final int WHACK_KEY = 396;
    public static final int WHACK_ADDKEY = 400;
    public static final int KEYID = 408;
    public static final int PUBKEY_ALG = 416;
    public static final int KEYVAL_PTR = 424;
    public static final int KEYVAL_LEN = 432;
    public static final int WHACK_MYID = 440;
    public static final int MYID = 448;
    public static final int WHACK_ROUTE = 456;
    public static final int WHACK_UNROUTE = 460;
    public static final int WHACK_INITIATE = 464;
    public static final int WHACK_OPPO_INITIATE = 468;
    public static final int OPPO_MY_CLIENT = 472;
    public static final int OPPO_PEER_CLIENT = 500;
    public static final int WHACK_TERMINATE = 528;
    public static final int WHACK_DELETE = 532;
    public static final int WHACK_DELETESTATE = 536;
    public static final int WHACK_DELETESTATENO = 544;
    public static final int WHACK_LISTEN = 552;
    public static final int WHACK_UNLISTEN = 556;
    public static final int WHACK_CRASH = 560;
    public static final int WHACK_CRASH_PEER = 564;
    public static final int WHACK_UTC = 592;
    public static final int WHACK_LIST = 596;
    public static final int WHACK_REREAD = 597;

    // ---- jswan extension block (FreeS/WAN: str_size follows whack_reread at 600) ----
    /** {@code char *xauthuser}: string 12. */
    public static final int XAUTHUSER = 600;
    /** {@code char *xauthpass}: string 13. */
    public static final int XAUTHPASS = 608;
    /** {@code time_t dpd_delay}. */
    public static final int DPD_DELAY = 616;
    /** {@code time_t dpd_timeout}. */
    public static final int DPD_TIMEOUT = 624;
    /** {@code int dpd_action}: 0 none, 1 clear, 2 hold, 3 restart; 4 bytes of padding follow. */
    public static final int DPD_ACTION = 632;

    /** {@code char *ike}: string 14, jswan's Phase 1 algorithm list ({@code --ike}). */
    public static final int IKE = 640;
    /** {@code char *esp}: string 15, jswan's Phase 2 algorithm list ({@code --esp}). */
    public static final int ESP = 648;

    public static final int STR_SIZE = 656;
    public static final int STRING = 664;
    /** {@code char string[2048]}: the packed strings and key bytes. */
    public static final int STRING_AREA = 2048;
    /** {@code sizeof(struct whack_message)}. */
    public static final int SIZE = STRING + STRING_AREA;
}
