package org.jswan.ike.engine;

/**
 * pluto's {@code enum state_kind} (reference §2.1). The name says which message was sent last;
 * a progress line to whack carries RC 100 + {@link #value()}, or 004 once an SA is established.
 */
public enum StateKind {
    STATE_UNDEFINED(0, ""),
    OPPO_ACQUIRE(1, "got ACQUIRE"),
    OPPO_GW_DISCOVERED(2, "got TXT"),
    STATE_MAIN_R0(3, "expecting MI1"),
    STATE_MAIN_I1(4, "sent MI1, expecting MR1"),
    STATE_MAIN_R1(5, "sent MR1, expecting MI2"),
    STATE_MAIN_I2(6, "sent MI2, expecting MR2"),
    STATE_MAIN_R2(7, "sent MR2, expecting MI3"),
    STATE_MAIN_I3(8, "sent MI3, expecting MR3"),
    STATE_MAIN_R3(9, "sent MR3, ISAKMP SA established"),
    STATE_MAIN_I4(10, "ISAKMP SA established"),
    STATE_QUICK_R0(11, "expecting QI1"),
    STATE_QUICK_I1(12, "sent QI1, expecting QR1"),
    STATE_QUICK_R1(13, "sent QR1, inbound IPsec SA installed, expecting QI2"),
    STATE_QUICK_I2(14, "sent QI2, IPsec SA established"),
    STATE_QUICK_R2(15, "IPsec SA established"),
    STATE_INFO(16, "got Informational Message in clear"),
    STATE_INFO_PROTECTED(17, "got encrypted Informational Message");

    private final int value;
    private final String story;

    StateKind(int value, String story) {
        this.value = value;
        this.story = story;
    }

    public int value() {
        return value;
    }

    public String story() {
        return story;
    }

    public boolean isIsakmpEstablished() {
        return this == STATE_MAIN_R3 || this == STATE_MAIN_I4;
    }

    public boolean isIpsecEstablished() {
        return this == STATE_QUICK_I2 || this == STATE_QUICK_R2;
    }

    public boolean isPhase1() {
        return value >= STATE_MAIN_R0.value && value <= STATE_MAIN_I4.value;
    }

    public boolean isQuick() {
        return value >= STATE_QUICK_R0.value && value <= STATE_QUICK_R2.value;
    }

    /** The RC a progress line into this state gets: 004 when established, else 100 + value. */
    public int progressRc() {
        return isIsakmpEstablished() || isIpsecEstablished() ? 4 : 100 + value;
    }
}
