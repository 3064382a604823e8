package org.jswan.whack;

import java.io.PrintStream;
import java.util.Arrays;
import org.jswan.ike.whack.WhackMessage;

/**
 * {@code whack}: tell a running pluto what to do (pluto(8), "Using Whack"). Parses the command
 * line into one whack message ({@link WhackParser}), sends it over {@code <ctlbase>.ctl}
 * ({@link WhackClient}) and exits with the status pluto's replies imply. Nothing here but the
 * JDK and ike-core's codec, so that start-up stays quick.
 */
public final class Whack {
    private Whack() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** The whole of whack, without {@code System.exit}: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Prompter.terminalOr(System.in, err));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Prompter prompter) {
        WhackParser.Request request;
        try {
            request = WhackParser.parse(Arrays.asList(args), Usage.version());
        } catch (WhackExit e) {
            out.print(e.stdout);
            out.flush();
            err.print(e.stderr);
            err.flush();
            return e.status;
        }
        WhackMessage m = request.message();
        return new WhackClient(out, err, prompter, m.xauthUser(), m.xauthPass())
                .send(request.ctlPath(), request.bytes());
    }
}
