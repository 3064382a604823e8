package org.jswan.pluto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code pluto}, the IKE keying daemon (pluto(8)). Exit statuses: 0 all is well so far, 1
 * something was wrong, 10 the lock file already exists (2 when {@code --optionsfrom} fails, as
 * optionsfrom(3) exits).
 */
public final class Pluto {
    private Pluto() {
    }

    public static void main(String[] args) {
        System.exit(run(args, WhackDecoder.codec(), Pluto.class.getName()));
    }

    static Path lockPath(PlutoOptions o) {
        return Path.of(o.ctlBase() + ".pid");
    }

    static Path ctlPath(PlutoOptions o) {
        return Path.of(o.ctlBase() + ".ctl");
    }

    /**
     * @param mainClass the class a forking pluto starts the daemon with (this one, or a test's)
     */
    static int run(String[] args, WhackDecoder decoder, String mainClass) {
        PlutoOptions o;
        try {
            o = PlutoOptions.parse(List.of(args));
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            if (e.status() == 1) {
                System.err.println("Try \"pluto --help\" for the options.");
            }
            return e.status();
        }
        if (o.help()) {
            System.out.print(PlutoOptions.helpText(Version.get()));
            System.out.flush();
            return 0;
        }
        if (o.version()) {
            System.out.println("jswan pluto " + Version.get());
            return 0;
        }
        if (o.daemonChild()) {
            return daemonChild(o, decoder);
        }
        LockFile lock;
        try {
            lock = LockFile.create(lockPath(o));
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            return e.status();
        }
        if (!o.noFork()) {
            return DaemonFork.launch(o, lock, mainClass);
        }
        try {
            lock.writePidAndClose(ProcessHandle.current().pid());
        } catch (IOException e) {
            System.err.println("pluto: unable to write to lock file \"" + lock.path() + "\": " + e.getMessage());
            lock.remove();
            return 1;
        }
        return PlutoDaemon.run(o, decoder, Readiness.foreground());
    }

    /**
     * The process a forking pluto started. The lock file must be there and still empty: the
     * internal option is no way around the lock.
     */
    private static int daemonChild(PlutoOptions o, WhackDecoder decoder) {
        Readiness r = Readiness.toParent();
        Path lock = lockPath(o);
        try {
            if (Files.size(lock) != 0) {
                r.fail("internal option --" + PlutoOptions.DAEMON_CHILD + " used without a fresh lock file");
                return 1;
            }
        } catch (IOException e) {
            r.fail("internal option --" + PlutoOptions.DAEMON_CHILD + " used without a lock file \"" + lock + "\"");
            return 1;
        }
        return PlutoDaemon.run(o, decoder, r);
    }
}
