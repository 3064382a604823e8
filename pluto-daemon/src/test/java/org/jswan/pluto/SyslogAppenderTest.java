package org.jswan.pluto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

class SyslogAppenderTest {
    @Test
    void recordsAreRfc3164WithAuthprivAndThePid() {
        String s = new String(SyslogAppender.format(SyslogAppender.LOG_AUTHPRIV | SyslogAppender.LOG_WARNING,
                LocalDateTime.of(2024, 1, 5, 7, 8, 9), "pluto[42]", "listening for IKE messages"),
                StandardCharsets.UTF_8);
        assertEquals("<84>Jan  5 07:08:09 pluto[42]: listening for IKE messages", s);
        assertEquals(SyslogAppender.MAX_DATAGRAM, SyslogAppender.format(84, LocalDateTime.now(), "p",
                "x".repeat(20000)).length);
    }

    @Test
    void writesDatagramsToTheSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("log");
        try (AFUNIXDatagramSocket server = AFUNIXDatagramSocket.newInstance()) {
            server.bind(AFUNIXSocketAddress.of(sock));
            server.setSoTimeout(5000);
            SyslogAppender a = SyslogAppender.open(sock, "pluto", 4242);
            LoggerContext ctx = new LoggerContext();
            a.setContext(ctx);
            a.start();
            Logger l = ctx.getLogger("pluto");
            l.setLevel(Level.TRACE);
            l.addAppender(a);
            l.info("Starting Pluto (jswan Version x)");
            l.error("ERROR: it broke");
            l.debug("| detail");
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DatagramPacket p = new DatagramPacket(new byte[9000], 9000);
                server.receive(p);
                got.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            }
            Pattern stamp = Pattern.compile("[A-Z][a-z]{2} [ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] ");
            assertTrue(got.get(0).startsWith("<84>"), got.get(0));
            assertTrue(stamp.matcher(got.get(0).substring(4)).lookingAt(), got.get(0));
            assertTrue(got.get(0).endsWith(" pluto[4242]: Starting Pluto (jswan Version x)"), got.get(0));
            assertTrue(got.get(1).startsWith("<83>") && got.get(1).endsWith("pluto[4242]: ERROR: it broke"));
            assertTrue(got.get(2).startsWith("<87>") && got.get(2).endsWith("pluto[4242]: | detail"));
            a.stop();
        }
    }

    @Test
    void aMissingSocketIsSaidSo(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> SyslogAppender.open(dir.resolve("nope"), "pluto", 1));
        assertTrue(e.getMessage().endsWith("nope does not exist"), e.getMessage());
    }

    @Test
    void stderrRecordsAreBareText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StderrAppender a = new StderrAppender(out);
        LoggerContext ctx = new LoggerContext();
        a.setContext(ctx);
        a.start();
        Logger l = ctx.getLogger("pluto");
        l.setLevel(Level.TRACE);
        l.addAppender(a);
        l.info("\"conn\" #1: initiating Main Mode");
        l.debug("| {} stays as it is");
        assertEquals("\"conn\" #1: initiating Main Mode\n| {} stays as it is\n", out.toString(StandardCharsets.UTF_8));
    }
}
