package org.jswan.pluto;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.file.Path;
import org.jswan.ike.base.Rng;
import org.jswan.ike.engine.Effect;
import org.jswan.ike.engine.Engine;
import org.jswan.ike.engine.EngineConfig;
import org.jswan.ike.whack.Debug;
import org.jswan.klips.Kernel;
import org.jswan.klips.NoKernel;

/**
 * The running daemon, once the lock file is held: log sink, control socket, engine, loop — in
 * that order (facts §8) — then the loop until the engine asks to exit, then clean-up.
 */
final class PlutoDaemon {
    private PlutoDaemon() {
    }

    /**
     * @return the exit status: the engine's, or 1 if start-up failed
     */
    static int run(PlutoOptions o, WhackDecoder decoder, Readiness readiness) {
        Path lock = Pluto.lockPath(o);
        Path ctl = Pluto.ctlPath(o);
        // If the process dies any other way than through the loop, the files still go.
        Thread hook = new Thread(() -> {
            LockFile.deleteQuietly(ctl);
            LockFile.deleteQuietly(lock);
        }, "pluto-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        long pid = ProcessHandle.current().pid();
        PlutoLog log = new PlutoLog(openSink(o, pid, readiness), o.debugging());
        log.info("Starting Pluto (jswan Version " + Version.get() + ")");
        for (String opt : o.notYetImplemented()) {
            log.info(opt + " is accepted but not yet implemented in jswan; it has no effect");
        }

        MonoClock clock = new MonoClock();
        Selector selector;
        WhackServer whack;
        try {
            selector = Selector.open();
            whack = WhackServer.open(ctl, selector, decoder, PeerCheck.forThisProcess(), log, clock);
        } catch (IOException e) {
            log.error(e.getMessage());
            readiness.fail(e.getMessage());
            return 1;
        }

        Inbox inbox = new Inbox(selector);
        java.util.concurrent.atomic.AtomicReference<IkeSockets> sockets = new java.util.concurrent.atomic.AtomicReference<>();
        KernelBridge kernel = kernel(o, pid, log, inbox, sockets);
        // without a kernel backend the engine behaves as with --noklips (no updown runs either)
        boolean noKlips = o.noKlips() || "none".equals(kernel.backendName());
        Engine engine = new Engine(new EngineConfig(o.ikePort(), o.natTPort(), noKlips, o.uniqueIds(),
                o.noRetransmits(), o.debugging(), Version.get()), Rng.secure());
        ListenScan listen = new ListenScan(o.interfaces(), o.secretsFile(), new DnsResolver(), log);
        EventLoop loop = new EventLoop(EnginePort.of(engine),
                new EventLoop.Parts(selector, clock, log, inbox, whack, new CryptoPool(inbox), kernel, listen));
        loop.ikeSockets().setEspSink(o.natTPort(), (local, p) -> kernel.espInUdp(p.from(), local, p.data()));
        sockets.set(loop.ikeSockets());
        Signals.install(inbox, log);
        readiness.ready(pid);

        int status = loop.run();
        loop.shutdown();
        LockFile.deleteQuietly(ctl);
        LockFile.deleteQuietly(lock);
        // Done by hand: a hook running later could remove the files of a pluto started since.
        Runtime.getRuntime().removeShutdownHook(hook);
        return status;
    }

    private static LogSink openSink(PlutoOptions o, long pid, Readiness readiness) {
        if (o.stderrLog()) {
            return LogbackSink.to(new StderrAppender());
        }
        try {
            return LogbackSink.to(SyslogAppender.open(SyslogAppender.DEV_LOG, "pluto", pid));
        } catch (IOException e) {
            LogSink sink = LogbackSink.to(new StderrAppender());
            String why = "syslog is unavailable (" + e.getMessage() + "); logging to stderr instead";
            sink.write(Effect.LogLevel.INFO, why);
            readiness.note(o.daemonChild()
                    ? why + ", which the daemon has on /dev/null: use --stderrlog to see its log"
                    : why);
            return sink;
        }
    }

    /**
     * --noklips: the none backend. Otherwise the userspace KLIPS (TUN ipsec0, raw ESP/AH sockets):
     * ESP-in-UDP leaves through pluto's own NAT-T socket, and ACQUIREs come back to the loop as
     * inputs. Without the privileges for TUN and raw sockets pluto says so and goes on as --noklips.
     */
    private static KernelBridge kernel(PlutoOptions o, long pid, PlutoLog log, Inbox inbox,
                                       java.util.concurrent.atomic.AtomicReference<IkeSockets> sockets) {
        Kernel none = new NoKernel(line -> log.debug(Debug.KLIPS, () -> "kernel: " + line));
        if (o.noKlips()) {
            return new KernelBridge(none, log, "kernel backend \"none\" (--noklips): SAs are negotiated but not"
                    + " installed in any kernel");
        }
        try {
            org.jswan.klips.UdpSender udp = (src, srcPort, dst, dstPort, payload) -> {
                IkeSockets s = sockets.get();
                if (s != null) {
                    s.send(new org.jswan.ike.base.Endpoint(org.jswan.ike.base.IpAddress.of(src), srcPort),
                            new org.jswan.ike.base.Endpoint(org.jswan.ike.base.IpAddress.of(dst), dstPort),
                            org.jswan.ike.base.Bytes.copyOf(payload));
                }
            };
            org.jswan.klips.AcquireListener acquire = a -> inbox.post(now -> new org.jswan.ike.engine.Input.Acquire(
                    org.jswan.ike.base.IpAddress.of(a.src()), org.jswan.ike.base.IpAddress.of(a.dst()), a.protocol(), now));
            org.jswan.klips.userspace.KlipsOptions ko = org.jswan.klips.userspace.KlipsOptions.defaults()
                    .withManageRoutes(false);
            java.util.Optional<String> physical = PhysicalInterface.detect(o.interfaces());
            if (physical.isPresent()) {
                ko = ko.withPhysicalInterface(physical.get());
            }
            org.jswan.klips.userspace.UserspaceKlips klips = org.jswan.klips.userspace.UserspaceKlips.open(ko, udp,
                    line -> log.debug(Debug.KLIPS, () -> "klips: " + line));
            Kernel kernel;
            try {
                kernel = org.jswan.klips.pfkey.PfKeyKernel.open("klips", klips.openPfKey(), pid, klips, acquire,
                        log::info, line -> log.debug(Debug.KLIPS, () -> line));
            } catch (org.jswan.klips.KernelException | RuntimeException e) {
                klips.close();
                throw e;
            }
            log.info("kernel backend \"" + kernel.name() + "\": userspace KLIPS on ipsec0, driven through PF_KEYv2");
            return new KernelBridge(kernel, log, null);
        } catch (org.jswan.klips.KernelException | RuntimeException | LinkageError e) {
            log.error("cannot start the userspace KLIPS (" + e.getMessage() + "); using kernel backend \"none\":"
                    + " SAs will be negotiated but not installed, as with --noklips");
            return new KernelBridge(none, log, null);
        }
    }
}
