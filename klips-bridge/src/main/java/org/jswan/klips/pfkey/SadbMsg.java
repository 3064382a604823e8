package org.jswan.klips.pfkey;

import java.util.Objects;

/**
 * {@code struct sadb_msg} (RFC 2367 §2.2), the base header of every PF_KEY message; 16 bytes,
 * host byte order (little-endian on Linux x86-64).
 *
 * <pre>
 *  0  sadb_msg_version   u8   PF_KEY_V2 = 2
 *  1  sadb_msg_type      u8   {@link SadbMsgType}
 *  2  sadb_msg_errno     u8   0 in requests; the kernel's answer in replies ({@link Errno})
 *  3  sadb_msg_satype    u8   {@link SaType}
 *  4  sadb_msg_len       u16  whole message in 64-bit words
 *  6  sadb_msg_reserved  u16  0
 *  8  sadb_msg_seq       u32  chosen by the sender, echoed in the reply
 * 12  sadb_msg_pid       u32  the sender's pid; 0 from the kernel
 * </pre>
 *
 * {@code version} is always 2 and {@code reserved} always 0 (anything else is {@code EINVAL}, as
 * on Linux); {@code len} is derived from the extensions when encoding and checked against the
 * bytes when decoding. So the record holds only what can vary; {@link #version()} answers the
 * constant.
 *
 * @param errno {@code sadb_msg_errno}, loose: any 8-bit value is kept
 */
public record SadbMsg(SadbMsgType type, int errno, SaType satype, long seq, long pid) {
    /** {@code PF_KEY_V2}. */
    public static final int PF_KEY_V2 = 2;
    static final int SIZE = 16;

    public SadbMsg {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(satype, "satype");
        SadbSa.checkU8("errno", errno);
        SadbSa.checkU32("seq", seq);
        SadbSa.checkU32("pid", pid);
    }

    /** A request header (errno 0). */
    public static SadbMsg of(SadbMsgType type, SaType satype, long seq, long pid) {
        return new SadbMsg(type, 0, satype, seq, pid);
    }

    /** {@code sadb_msg_version}: always {@link #PF_KEY_V2}. */
    public int version() {
        return PF_KEY_V2;
    }

    public SadbMsg withErrno(Errno e) {
        return new SadbMsg(type, e.value(), satype, seq, pid);
    }

    void write(WireWriter w, int lenWords) {
        w.u8(PF_KEY_V2);
        w.u8(type.value());
        w.u8(errno);
        w.u8(satype.value());
        w.u16(lenWords);
        w.u16(0); // sadb_msg_reserved
        w.u32(seq);
        w.u32(pid);
    }

    /**
     * Reads and checks the header of a message of {@code total} bytes; RFC 2367 §2.2 and what a
     * Linux PF_KEY socket answers: a wrong version, reserved field, type or SA type is
     * {@code EINVAL}, a length that is not the bytes that came is {@code EMSGSIZE}.
     */
    static SadbMsg read(WireReader r, int total) throws PfKeyException {
        int version = r.u8();
        int type = r.u8();
        int errno = r.u8();
        int satype = r.u8();
        int len = r.u16();
        int reserved = r.u16();
        long seq = r.u32();
        long pid = r.u32();
        if (version != PF_KEY_V2) {
            throw new PfKeyException(Errno.EINVAL, "sadb_msg_version " + version + ", not PF_KEY_V2 (2)");
        }
        if (len * 8L != total) {
            throw new PfKeyException(Errno.EMSGSIZE, "sadb_msg_len " + len + " (" + len * 8 + " bytes), but "
                    + total + " bytes arrived");
        }
        if (reserved != 0) {
            throw new PfKeyException(Errno.EINVAL, "sadb_msg_reserved is " + reserved + ", not 0");
        }
        SadbMsgType t = SadbMsgType.of(type).orElseThrow(
                () -> new PfKeyException(Errno.EINVAL, "unknown message type " + type));
        SaType st = SaType.of(satype).orElseThrow(
                () -> new PfKeyException(Errno.EINVAL, t.sadbName() + ": unknown SA type " + satype));
        return new SadbMsg(t, errno, st, seq, pid);
    }

    @Override
    public String toString() {
        return type.sadbName() + " " + satype.sadbName() + (errno != 0 ? " errno " + errno : "")
                + " seq " + seq + " pid " + pid;
    }
}
