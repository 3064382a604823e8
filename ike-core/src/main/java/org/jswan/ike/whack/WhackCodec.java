package org.jswan.ike.whack;

/**
 * The one binary codec of {@link WhackMessage}, used by whack to send and by pluto to receive.
 * (Layout: {@code docs/whack-message.md}.)
 */
public final class WhackCodec {
    private WhackCodec() {
    }

    /** FreeS/WAN 2.0x's WHACK_BASIC_MAGIC: status and shutdown only. */
    public static final int WHACK_BASIC_MAGIC = (((('w' << 8) + 'h') << 8) + 'k') << 8 | 24;
    /** jswan's full magic: 'w','h','k' and 64, since the struct has jswan's extensions appended. */
    public static final int WHACK_MAGIC = (((('w' << 8) + 'h') << 8) + 'k') << 8 | 64;
}
