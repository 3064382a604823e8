package org.jswan.pluto;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * syslog(3) as pluto uses it: facility authpriv, ident {@code pluto}, with the pid, written as
 * RFC 3164 datagrams ({@code <PRI>Mmm dd hh:mm:ss pluto[pid]: text}) to the local AF_UNIX
 * datagram socket, normally {@code /dev/log}. The JDK has no AF_UNIX datagram socket, hence
 * junixsocket, used here and nowhere else.
 *
 * <p>Severities follow pluto: ordinary lines {@code LOG_WARNING}, errors {@code LOG_ERR},
 * debug lines {@code LOG_DEBUG}. Each datagram is addressed afresh, so a restarted syslog
 * daemon is picked up; a line that cannot be sent is dropped.
 */
final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    static final Path DEV_LOG = Path.of("/dev/log");
    static final int LOG_AUTHPRIV = 10 << 3;
    static final int LOG_ERR = 3;
    static final int LOG_WARNING = 4;
    static final int LOG_DEBUG = 7;
    /** Longer records are cut; every syslog daemon takes this much. */
    static final int MAX_DATAGRAM = 8192;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US);

    private final AFUNIXDatagramChannel socket;
    private final AFUNIXSocketAddress target;
    private final String tag;

    private SyslogAppender(AFUNIXDatagramChannel socket, AFUNIXSocketAddress target, String tag) {
        this.socket = socket;
        this.target = target;
        this.tag = tag;
    }

    /**
     * Opens a socket towards {@code path}.
     *
     * @throws IOException when the socket is missing or junixsocket cannot work here; the
     *     message says which
     */
    static SyslogAppender open(Path path, String ident, long pid) throws IOException {
        if (!java.nio.file.Files.exists(path)) {
            throw new IOException(path + " does not exist");
        }
        try {
            AFUNIXDatagramChannel s = AFUNIXDatagramChannel.open();
            return new SyslogAppender(s, AFUNIXSocketAddress.of(path), ident + "[" + pid + "]");
        } catch (UnsupportedOperationException | LinkageError e) {
            throw new IOException("AF_UNIX datagram sockets are not available (" + e + ")", e);
        }
    }

    /** The datagram for one record. */
    static byte[] format(int priority, LocalDateTime when, String tag, String text) {
        String s = "<" + priority + ">" + STAMP.format(when) + " " + tag + ": " + text;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_DATAGRAM) {
            b = java.util.Arrays.copyOf(b, MAX_DATAGRAM);
        }
        return b;
    }

    static int severity(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return LOG_ERR;
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            return LOG_WARNING;
        }
        return LOG_DEBUG;
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] b = format(LOG_AUTHPRIV | severity(event.getLevel()), LocalDateTime.now(), tag,
                event.getFormattedMessage());
        try {
            socket.send(ByteBuffer.wrap(b), target);
        } catch (IOException | RuntimeException e) {
            // syslogd is away; the record is lost, as syslog(3) would lose it
        }
    }

    @Override
    public void stop() {
        super.stop();
        try {
            socket.close();
        } catch (IOException e) {
            // closing at exit
        }
    }
}
