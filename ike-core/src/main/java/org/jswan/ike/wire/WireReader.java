package org.jswan.ike.wire;

import java.util.Objects;
import org.jswan.ike.base.Bytes;

/**
 * A bounded cursor over received bytes, in the spirit of pluto's {@code pb_stream}: each nested
 * structure (payload, proposal, transform, attribute) is read through a {@link #sub sub-reader}
 * limited by its own length field, so a structure can never read past its end, and an overrun
 * is a {@link MalformedMessageException} naming what was being read — never an
 * {@code IndexOutOfBoundsException}.
 *
 * <p>Every reader knows what it reads ("SA payload") and which notification an overrun or a
 * short field means ({@code PAYLOAD_MALFORMED} at the outer level, {@code BAD_PROPOSAL_SYNTAX}
 * inside an SA). Readers share the underlying immutable {@link Bytes}; nothing is copied until a
 * field is taken out with {@link #bytes}.
 */
public final class WireReader {
    private final Bytes data;
    private final int end;
    private final String what;
    private final NotifyType notify;
    private int pos;

    private WireReader(Bytes data, int start, int end, String what, NotifyType notify) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.what = what;
        this.notify = notify;
    }

    /** A reader over all of {@code data}, which is {@code what} (e.g. "message"; diagnostics add the article). */
    public static WireReader of(Bytes data, String what, NotifyType notify) {
        return new WireReader(Objects.requireNonNull(data, "data"), 0, data.length(),
                Objects.requireNonNull(what, "what"), Objects.requireNonNull(notify, "notify"));
    }

    /** What this reader reads, for diagnostics: "SA payload", "proposal #1". */
    public String what() {
        return what;
    }

    /** The notification an overrun or malformed field of this structure means. */
    public NotifyType notifyType() {
        return notify;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** A decode error for this structure, with this reader's notification. */
    public MalformedMessageException error(String detail) {
        return new MalformedMessageException(notify, detail);
    }

    private void need(int n, String field) throws MalformedMessageException {
        if (n > end - pos) {
            throw error(what + " is truncated: " + field + " needs " + n + (n == 1 ? " byte" : " bytes")
                    + " but only " + (end - pos) + " left");
        }
    }

    public int u8(String field) throws MalformedMessageException {
        need(1, field);
        return data.get(pos++);
    }

    public int u16(String field) throws MalformedMessageException {
        need(2, field);
        int v = data.getU16(pos);
        pos += 2;
        return v;
    }

    public long u32(String field) throws MalformedMessageException {
        need(4, field);
        long v = data.getU32(pos);
        pos += 4;
        return v;
    }

    /** The next {@code n} bytes as a field of their own. */
    public Bytes bytes(int n, String field) throws MalformedMessageException {
        if (n < 0) {
            throw error(what + ": " + field + " has a negative length " + n);
        }
        need(n, field);
        Bytes b = data.slice(pos, pos + n);
        pos += n;
        return b;
    }

    /** Everything left in this structure. */
    public Bytes rest() {
        Bytes b = data.slice(pos, end);
        pos = end;
        return b;
    }

    /**
     * RFC 2408 §3.2 and throughout: RESERVED fields "MUST be set to 0"; like pluto, jswan rejects
     * a structure whose reserved bytes are not zero (so every accepted structure re-encodes to
     * exactly the bytes received).
     */
    public void reserved(int n, String field) throws MalformedMessageException {
        need(n, field);
        for (int i = 0; i < n; i++) {
            if (data.get(pos + i) != 0) {
                throw error(field + " of the " + what + " must be zero, but is 0x"
                        + Integer.toHexString(data.get(pos + i)) + (n > 1 ? " (byte " + (i + 1) + " of " + n + ")" : ""));
            }
        }
        pos += n;
    }

    /**
     * Splits off the next {@code length} bytes as a nested structure {@code subWhat}, read with
     * {@code subNotify}; this reader moves past them. The caller has already consumed
     * {@code alreadyRead} bytes of the structure (its header), which count towards
     * {@code length} as on the wire.
     */
    public WireReader sub(int length, int alreadyRead, String subWhat, NotifyType subNotify)
            throws MalformedMessageException {
        int left = end - pos + alreadyRead;
        if (length < alreadyRead) {
            throw error(subWhat + " length " + length + " is shorter than its own " + alreadyRead + "-byte header");
        }
        if (length > left) {
            throw error(subWhat + " length " + length + " runs past the end of the " + what + " (" + left
                    + (left == 1 ? " byte left)" : " bytes left)"));
        }
        int bodyLen = length - alreadyRead;
        WireReader r = new WireReader(data, pos, pos + bodyLen, subWhat, subNotify);
        pos += bodyLen;
        return r;
    }

    /** RFC 2408 §3.1ff: lengths bound their structures exactly; leftover bytes are an error. */
    public void expectEnd() throws MalformedMessageException {
        if (pos != end) {
            int n = end - pos;
            throw error(what + " has " + n + (n == 1 ? " byte" : " bytes") + " left over after its last field");
        }
    }
}
