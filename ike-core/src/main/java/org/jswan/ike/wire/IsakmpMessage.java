package org.jswan.ike.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jswan.ike.base.Bytes;

/**
 * A whole ISAKMP message: the header and its payloads (RFC 2408 §3). For an encrypted message
 * (E flag) {@link #decode} returns the header with no payloads; the engine takes
 * {@link #encryptedBody}, decrypts it and calls {@link #decodeDecrypted}.
 */
public record IsakmpMessage(IsakmpHeader header, List<Payload> payloads) {
    public IsakmpMessage {
        Objects.requireNonNull(header, "header");
        payloads = Check.list(payloads, "payloads");
    }

    /**
     * Decodes a received datagram (for port 4500, after the non-ESP marker).
     *
     * @throws MalformedMessageException with the notification naming the first fault found
     */
    public static IsakmpMessage decode(Bytes datagram) throws MalformedMessageException {
        IsakmpHeader h = IsakmpHeader.decode(datagram);
        if (h.encrypted()) {
            return new IsakmpMessage(h, List.of());
        }
        return new IsakmpMessage(h, PayloadChain.decode(h.nextPayload(), datagram.slice(IsakmpHeader.LENGTH), false));
    }

    /**
     * Decodes the payloads of a decrypted body; padding after the last payload is allowed
     * (RFC 2409 §5.3).
     */
    public static IsakmpMessage decodeDecrypted(IsakmpHeader header, Bytes plaintext) throws MalformedMessageException {
        return new IsakmpMessage(header, PayloadChain.decode(header.nextPayload(), plaintext, true));
    }

    /**
     * The bytes after the header of a datagram {@link IsakmpHeader#decode} accepted.
     *
     * @throws IllegalArgumentException when {@code datagram} is shorter than a header
     */
    public static Bytes encryptedBody(Bytes datagram) {
        if (datagram.length() < IsakmpHeader.LENGTH) {
            throw new IllegalArgumentException("datagram of " + datagram.length() + " bytes has no ISAKMP header");
        }
        return datagram.slice(IsakmpHeader.LENGTH);
    }

    /**
     * The encrypted body, checked to be a non-empty whole number of cipher blocks.
     *
     * @throws MalformedMessageException PAYLOAD_MALFORMED otherwise
     */
    public static Bytes encryptedBody(Bytes datagram, int blockSize) throws MalformedMessageException {
        Bytes body = encryptedBody(datagram);
        if (body.isEmpty() || body.length() % blockSize != 0) {
            throw new MalformedMessageException(NotifyType.PAYLOAD_MALFORMED, "malformed message: " + body.length()
                    + " bytes of ciphertext is not a multiple of encryption blocksize (" + blockSize + ")");
        }
        return body;
    }

    /**
     * Encodes the message in cleartext: the header's Next Payload becomes the first payload's
     * type and its Length the message size; the header's flags are taken as they are.
     */
    public Bytes encode() {
        return encodeWithBody(header, PayloadChain.firstType(payloads), PayloadChain.encode(payloads));
    }

    /**
     * Header plus an already encoded (e.g. encrypted) body: Next Payload becomes
     * {@code firstPayload} and Length 28 + the body's length.
     */
    public static Bytes encodeWithBody(IsakmpHeader h, int firstPayload, Bytes body) {
        IsakmpHeader fixed = h.withNextPayload(firstPayload).withLength(IsakmpHeader.LENGTH + (long) body.length());
        return fixed.encode().concat(body);
    }

    /** All payloads of class {@code type}, in order. */
    public <T extends Payload> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Payload p : payloads) {
            if (type.isInstance(p)) {
                out.add(type.cast(p));
            }
        }
        return out;
    }

    /** The first payload of class {@code type}. */
    public <T extends Payload> Optional<T> first(Class<T> type) {
        for (Payload p : payloads) {
            if (type.isInstance(p)) {
                return Optional.of(type.cast(p));
            }
        }
        return Optional.empty();
    }
}
