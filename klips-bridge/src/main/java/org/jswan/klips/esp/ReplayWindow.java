package org.jswan.klips.esp;

/**
 * The receiver's anti-replay window of RFC 4303 §3.4.3 (32-bit sequence numbers, no ESN), at
 * most 64 packets wide, as KLIPS kept it: the highest sequence number accepted so far is the
 * right edge; bit {@code i} of the bitmap says whether {@code top - i} was received.
 *
 * <p>The two steps are apart on purpose: {@link #check} before the ICV is verified (cheap
 * rejection of replays), {@link #update} only after the packet proved authentic, so that a forged
 * packet can never move the window (RFC 4303 §3.4.3: "the receive window is updated only if the
 * integrity verification succeeds"). Not thread-safe.
 */
public final class ReplayWindow {
    /** KLIPS's, and the largest this class keeps. */
    public static final int MAX_SIZE = 64;

    private final int size;
    private long top;
    private long bitmap;

    /** @param size window width in packets, 1..64 */
    public ReplayWindow(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("replay window " + size + " not in 1.." + MAX_SIZE);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The right edge: the highest sequence number accepted so far, 0 before the first packet. */
    public long top() {
        return top;
    }

    /**
     * May a packet with sequence number {@code seq} (unsigned 32-bit) be accepted?
     *
     * @throws BadPacket {@link BadPacket.Reason#REPLAY} when it may not
     */
    public void check(long seq) throws BadPacket {
        // RFC 4303 §3.3.3: the first packet sent has sequence number 1; 0 is never valid
        if (seq == 0) {
            throw new BadPacket(BadPacket.Reason.REPLAY, "sequence number 0");
        }
        if (seq > top) {
            return;
        }
        long offset = top - seq;
        // RFC 4303 §3.4.3: left of the window -> discard
        if (offset >= size) {
            throw new BadPacket(BadPacket.Reason.REPLAY, "sequence number " + seq + " too old (window top " + top + ")");
        }
        if ((bitmap & (1L << offset)) != 0) {
            throw new BadPacket(BadPacket.Reason.REPLAY, "sequence number " + seq + " already received");
        }
    }

    /** Records {@code seq} as received; call only after {@link #check} passed and the ICV verified. */
    public void update(long seq) {
        if (seq > top) {
            long shift = seq - top;
            bitmap = shift >= MAX_SIZE ? 0 : bitmap << shift;
            bitmap |= 1;
            top = seq;
        } else {
            bitmap |= 1L << (top - seq);
        }
        if (size < MAX_SIZE) {
            bitmap &= (1L << size) - 1;
        }
    }

    @Override
    public String toString() {
        return "replay window " + size + " top " + top + " bitmap " + Long.toHexString(bitmap);
    }
}
