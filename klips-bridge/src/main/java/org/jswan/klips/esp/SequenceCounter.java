package org.jswan.klips.esp;

/**
 * The sender's sequence number of RFC 4303 §3.3.3 (and RFC 4302 §3.3.2): 1 for the first packet,
 * never cycling past 2^32 - 1, after which the SA is spent. Not thread-safe.
 */
public final class SequenceCounter {
    private static final long LAST = 0xffff_ffffL;

    private long last;

    public SequenceCounter() {
        this(0);
    }

    /** A counter whose next value is {@code last + 1} (tests). */
    public SequenceCounter(long last) {
        if (last < 0 || last > LAST) {
            throw new IllegalArgumentException("sequence " + last);
        }
        this.last = last;
    }

    /**
     * The sequence number of the next packet.
     *
     * @throws BadPacket {@link BadPacket.Reason#SEQUENCE_EXHAUSTED} when 2^32 - 1 was used
     */
    public long next() throws BadPacket {
        // RFC 4303 §3.3.3: "the sender's counter and the receiver's counter MUST NOT cycle"
        if (last == LAST) {
            throw new BadPacket(BadPacket.Reason.SEQUENCE_EXHAUSTED, "sequence number space used up; rekey");
        }
        return ++last;
    }

    /** The last value handed out, 0 before the first. */
    public long last() {
        return last;
    }
}
