package org.jswan.ike.engine;

import org.jswan.ike.base.Bytes;
import org.jswan.ike.base.Endpoint;
import org.jswan.ike.engine.kernel.KernelRequest;

/** Something the engine wants done. The daemon performs effects in the order they are returned. */
public sealed interface Effect {

    /** Send a UDP datagram from our {@code from} socket to {@code to}. */
    record Send(Endpoint from, Endpoint to, Bytes data) implements Effect {
    }

    /** Write the line {@code "%03d text\n"} to whack client {@code client} (if it is still there). */
    record WhackLine(long client, int rc, String text) implements Effect {
    }

    /** Close whack client {@code client}'s socket: its request is done. */
    record WhackDone(long client) implements Effect {
    }

    /**
     * A log record. {@code text} is complete (context prefix included; debug lines already start
     * with {@code "| "}). Secrets only appear when {@code --debug-private} is on.
     */
    record Log(LogLevel level, String text) implements Effect {
    }

    /** Run {@code task} off the loop thread and feed back {@link Input.CryptoDone} with {@code job}. */
    record StartCrypto(long job, CryptoTask task) implements Effect {
    }

    /** Open a UDP socket on {@code local} (for IKE, and NAT-T's 4500 later). */
    record OpenSocket(String interfaceName, Endpoint local) implements Effect {
    }

    /** Close the UDP socket on {@code local}. */
    record CloseSocket(Endpoint local) implements Effect {
    }

    /** Ask the kernel bridge to do something to SAs, eroutes or routes. */
    record Kernel(KernelRequest request) implements Effect {
    }

    /**
     * Run the connection's updown command for {@code verb} (e.g. {@code up-client}) with the
     * {@code PLUTO_*} variables in {@code env} — passed in the process environment, never spliced
     * into the command. The daemon waits for it (bounded) and logs its output and exit status.
     */
    record Updown(String connection, long serial, String verb, String command, java.util.Map<String, String> env)
            implements Effect {
    }

    /** Release everything and exit the process with {@code status}. */
    record Exit(int status) implements Effect {
    }

    enum LogLevel {
        /** plog(): ordinary event. */
        INFO,
        /** loglog() with RC 3 / log_errno: serious. */
        ERROR,
        /** DBG_log(): a debug line, only emitted when its debug class is on. */
        DEBUG
    }

    /** A pure computation (modexp, PRF work). It must not touch engine state. */
    @FunctionalInterface
    interface CryptoTask {
        Object run();
    }
}
