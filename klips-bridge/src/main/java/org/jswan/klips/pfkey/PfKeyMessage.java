package org.jswan.klips.pfkey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One PF_KEYv2 message: the base header and its extensions, in order (RFC 2367 §2). Immutable;
 * at most one extension of each type (§2.3). {@link #encode()} and {@link #decode(byte[])} are the
 * codec: every length is derived when encoding and checked when decoding.
 */
public record PfKeyMessage(SadbMsg header, List<Extension> extensions) {
    /** {@code sadb_msg_len} is 16 bits of 64-bit words. */
    public static final int MAX_BYTES = 0xffff * 8;

    public PfKeyMessage {
        Objects.requireNonNull(header, "header");
        extensions = List.copyOf(Objects.requireNonNull(extensions, "extensions"));
        Set<Integer> seen = new HashSet<>();
        for (Extension e : extensions) {
            if (!seen.add(e.typeNumber())) {
                throw new IllegalArgumentException("two " + ExtType.nameOf(e.typeNumber()) + " extensions");
            }
        }
    }

    public PfKeyMessage(SadbMsg header, Extension... extensions) {
        this(header, List.of(extensions));
    }

    public SadbMsgType type() {
        return header.type();
    }

    /**
     * The wire form. A message too long for {@code sadb_msg_len} (over {@link #MAX_BYTES}) cannot
     * be built by the {@link PfKeyMessages} builders and is an {@link IllegalArgumentException}.
     * The array may hold keys: the caller zeroises it once sent.
     */
    public byte[] encode() {
        WireWriter w = new WireWriter();
        header.write(w, 0);
        for (Extension e : extensions) {
            ExtensionCodec.write(w, e);
        }
        int total = w.position();
        if (total > MAX_BYTES) {
            w.toByteArrayAndWipe();
            throw new IllegalArgumentException(header.type().sadbName() + " of " + total + " bytes exceeds "
                    + MAX_BYTES);
        }
        w.patchU16(4, total / 8);
        return w.toByteArrayAndWipe();
    }

    /**
     * Parses one message, checking the header (version, length against the bytes, type, SA type)
     * and every extension (length at least one word and inside the message, known layouts exactly
     * their size, no type twice). Unknown extension types are kept as {@link RawExtension}s.
     *
     * @throws PfKeyException with the errno a kernel would answer: {@code EMSGSIZE} for a message
     *     shorter than its header or whose {@code sadb_msg_len} is not its size, {@code EINVAL}
     *     for every other fault
     */
    public static PfKeyMessage decode(byte[] bytes) throws PfKeyException {
        if (bytes.length < SadbMsg.SIZE) {
            throw new PfKeyException(Errno.EMSGSIZE, bytes.length + " bytes, shorter than the 16-byte sadb_msg");
        }
        WireReader r = WireReader.of(bytes, "sadb_msg");
        SadbMsg header = SadbMsg.read(r, bytes.length);
        List<Extension> exts = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        try {
            while (r.remaining() > 0) {
                int at = r.position();
                Extension e = ExtensionCodec.read(r);
                // RFC 2367 §2.3: "An EINVAL will be returned if there are duplicate extensions".
                // Linux: checks known types only; jswan: every type, because one record per type
                // is what find() and the builders rely on.
                if (!seen.add(e.typeNumber())) {
                    throw new PfKeyException(Errno.EINVAL, "second " + ExtType.nameOf(e.typeNumber())
                            + " at offset " + at);
                }
                exts.add(e);
            }
        } catch (PfKeyException e) {
            throw e.about(header);
        }
        return new PfKeyMessage(header, exts);
    }

    public Optional<Extension> find(int typeNumber) {
        for (Extension e : extensions) {
            if (e.typeNumber() == typeNumber) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public Optional<Extension> find(ExtType type) {
        return find(type.value());
    }

    /** The extension of {@code type}, which the type's layout makes a {@code recordClass}. */
    public <T extends Extension> Optional<T> find(ExtType type, Class<T> recordClass) {
        return find(type).map(recordClass::cast);
    }

    public boolean has(ExtType type) {
        return find(type).isPresent();
    }

    /** The extension a request of this type must carry: {@code EINVAL} naming it when absent. */
    public <T extends Extension> T require(ExtType type, Class<T> recordClass) throws PfKeyException {
        Optional<T> e = find(type, recordClass);
        if (e.isEmpty()) {
            throw new PfKeyException(Errno.EINVAL, header.type().sadbName() + " without " + type.sadbName());
        }
        return e.get();
    }

    /** The same message without the extensions of the given types. */
    public PfKeyMessage without(ExtType... types) {
        List<Extension> kept = new ArrayList<>();
        for (Extension e : extensions) {
            boolean drop = false;
            for (ExtType t : types) {
                drop |= e.typeNumber() == t.value();
            }
            if (!drop) {
                kept.add(e);
            }
        }
        return new PfKeyMessage(header, kept);
    }

    public PfKeyMessage withHeader(SadbMsg newHeader) {
        return new PfKeyMessage(newHeader, extensions);
    }

    /** Zeroises the keys this message carries, once the SA has them; the message is unusable for keys after. */
    public void wipeKeys() {
        for (Extension e : extensions) {
            if (e instanceof SadbKey k) {
                k.key().close();
            }
        }
    }

    /**
     * One line for the debug log: type, SA type, errno, seq, pid and the extensions by name,
     * {@code SADB_ADD SADB_SATYPE_ESP seq 3 pid 77: SA ADDRESS_SRC ADDRESS_DST KEY_AUTH}. No
     * extension's content, so never a key.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder(header.type().sadbName()).append(' ').append(header.satype().sadbName());
        if (header.errno() != 0) {
            sb.append(" errno ").append(Errno.of(header.errno()).map(Errno::name).orElse(
                    Integer.toString(header.errno())));
        }
        sb.append(" seq ").append(header.seq()).append(" pid ").append(header.pid()).append(':');
        if (extensions.isEmpty()) {
            sb.append(" -");
        }
        for (Extension e : extensions) {
            String name = ExtType.nameOf(e.typeNumber());
            sb.append(' ').append(name.startsWith("SADB_EXT_") ? name.substring(9)
                    : name.startsWith("SADB_X_EXT_") ? "X_" + name.substring(11) : name);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(header.toString());
        for (Extension e : extensions) {
            sb.append(' ').append(e);
        }
        return sb.toString();
    }
}
