package org.jswan.pluto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackMessage;

/**
 * Turns the bytes a whack client sent into a {@link WhackMessage}. Production uses
 * {@link #codec()}, the one codec in ike-core; tests may pass another.
 */
@FunctionalInterface
interface WhackDecoder {
    /**
     * Bytes beyond the fixed part of the message and its 2048 bytes of strings are never
     * needed; a client that sends more has the rest discarded.
     */
    int MAX_REQUEST = 4096;

    /** @throws Undecodable with the codec's own words ("ignoring runt message from whack: ...") */
    WhackMessage decode(byte[] buf, int n) throws Undecodable;

    /** The request could not be decoded; {@link #getMessage()} says why, fit for RC 30. */
    final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message);
        }
    }

    /**
     * {@code WhackCodec.decode(byte[], int)}.
     *
     * <p>TEMPORARY: the codec's decoder is being written in parallel, so it is bound at run time
     * and a build without it answers every request as undecodable. Once
     * {@code WhackCodec.decode} is in ike-core, replace the body of {@link #codec()} with the
     * direct call {@code (buf, n) -> { try { return WhackCodec.decode(buf, n); } catch
     * (WhackDecodeException e) { throw new Undecodable(e.getMessage()); } }}.
     */
    static WhackDecoder codec() {
        MethodHandle decode;
        try {
            decode = MethodHandles.publicLookup().findStatic(WhackCodec.class, "decode",
                    MethodType.methodType(WhackMessage.class, byte[].class, int.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return (buf, n) -> {
                throw new Undecodable("this pluto was built without the whack message decoder; got "
                        + n + " bytes");
            };
        }
        return (buf, n) -> {
            try {
                return (WhackMessage) decode.invokeExact(buf, n);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                // The codec's WhackDecodeException, or a bug in it: either way the request is bad.
                String m = t.getMessage();
                throw new Undecodable(m != null ? m : "undecodable message from whack (" + t + ")");
            }
        };
    }
}
