package org.jswan.whack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jswan.ike.whack.WhackCodec;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real whack logic ({@link Whack#run}) against a fake pluto on a temporary AF_UNIX socket. */
class WhackEndToEndTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final List<String> prompts = new ArrayList<>();

    private int whack(String ctlbase, String... args) {
        List<String> all = new ArrayList<>(List.of("--ctlbase", ctlbase));
        all.addAll(List.of(args));
        Prompter prompter = (prompt, secret) -> {
            prompts.add(prompt + (secret ? "(hidden)" : ""));
            return secret ? "typed-secret" : "typed-user";
        };
        return Whack.run(all.toArray(String[]::new), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), prompter);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusIsCopiedAndExitsZero() throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            c.say("000 interface ipsec0/eth0 192.0.2.1");
            c.say("000  ");
            c.say("000 \"c\": 10.0.1.0/24===192.0.2.1...192.0.2.2===10.0.2.0/24");
        })) {
            assertEquals(0, whack(pluto.ctlbase, "--status"));
            assertEquals("000 interface ipsec0/eth0 192.0.2.1\n000  \n"
                    + "000 \"c\": 10.0.1.0/24===192.0.2.1...192.0.2.2===10.0.2.0/24\n", out());
            assertEquals("", err());
            WhackMessage m = pluto.received.get(0);
            assertTrue(m.status());
            assertEquals(WhackCodec.WHACK_MAGIC, m.magic(), "--ctlbase makes it a full message");
        }
    }

    @Test
    void successfulInitiateExitsZero() throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            c.say("002 \"" + m.name() + "\" #1: initiating Main Mode");
            c.say("104 \"" + m.name() + "\" #1: STATE_MAIN_I1: initiate");
            c.say("004 \"" + m.name() + "\" #2: STATE_QUICK_I2: sent QI2, IPsec SA established");
        })) {
            assertEquals(0, whack(pluto.ctlbase, "--initiate", "--name", "west-east"));
            assertTrue(out().endsWith("004 \"west-east\" #2: STATE_QUICK_I2: sent QI2, IPsec SA established\n"));
            assertEquals("west-east", pluto.received.get(0).name());
            assertTrue(pluto.received.get(0).initiate());
        }
    }

    @Test
    void unknownConnectionExits21() throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> c.say("021 no connection named \"" + m.name() + "\""))) {
            assertEquals(21, whack(pluto.ctlbase, "--initiate", "--name", "x"));
            assertEquals("021 no connection named \"x\"\n", out());
        }
    }

    @Test
    void givingUpExits31() throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            c.say("104 \"c\" #1: STATE_MAIN_I1: initiate");
            c.say("010 \"c\" #1: STATE_MAIN_I1: retransmission; will wait 20s for response");
            c.say("002 \"c\" #1: max number of retransmissions (2) reached STATE_MAIN_I1");
            c.say("031 \"c\" #1: max number of retransmissions (2) reached STATE_MAIN_I1."
                    + "  No response (or no acceptable response) to our first IKE message");
        })) {
            assertEquals(31, whack(pluto.ctlbase, "--initiate", "--name", "c"));
            assertEquals(4, out().lines().count());
        }
    }

    static Stream<Arguments> replyStreams() {
        return Stream.of(
                Arguments.of(List.of(), 0),
                Arguments.of(List.of("000 comment"), 0),
                Arguments.of(List.of("002 log"), 0),
                Arguments.of(List.of("003 ERROR: serious"), 3),
                Arguments.of(List.of("117 STATE_QUICK_I1: initiate", "002 log", "000 x"), 117),
                Arguments.of(List.of("010 retransmission", "004 established"), 0),
                Arguments.of(List.of("004 established", "214 NO_PROPOSAL_CHOSEN"), 214),
                Arguments.of(List.of("025 could not route", "002 ok"), 25),
                Arguments.of(List.of("not a number"), 0),
                Arguments.of(List.of("020 attempt to redefine connection \"c\"", "004 x"), 0));
    }

    @ParameterizedTest
    @MethodSource("replyStreams")
    void exitStatusIsTheLastCountingCode(List<String> lines, int status) throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            for (String l : lines) {
                c.say(l);
            }
        })) {
            assertEquals(status, whack(pluto.ctlbase, "--listen"));
            assertEquals(lines.isEmpty() ? "" : String.join("\n", lines) + "\n", out());
        }
    }

    @Test
    void unterminatedLastLine() throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            c.say("002 fine");
            c.raw("021 no newline");
        })) {
            assertEquals(0, whack(pluto.ctlbase, "--listen"), "the partial line sets nothing");
            assertEquals("002 fine\n", out());
            assertEquals("whack: last line from pluto too long or unterminated\n", err());
        }
    }

    @Test
    void overlongLineStopsReading() throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            c.say("025 first");
            c.raw("002 " + "x".repeat(WhackClient.MAX_LINE));
            c.say("");
            c.say("004 never seen");
        })) {
            assertEquals(25, whack(pluto.ctlbase, "--listen"));
            assertEquals("025 first\n", out());
            assertEquals("whack: last line from pluto too long or unterminated\n", err());
        }
    }

    @Test
    void longLinesAcrossReadsAreWhole() throws Exception {
        String line = "000 " + "y".repeat(WhackClient.MAX_LINE - 5);
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            for (int i = 0; i < 3; i++) {
                c.say(line);
            }
        })) {
            assertEquals(0, whack(pluto.ctlbase, "--status"));
            assertEquals((line + "\n").repeat(3), out());
        }
    }

    @Test
    void promptsAreAnsweredOnTheSameSocket() throws Exception {
        List<String> answers = new ArrayList<>();
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            c.say("041 \"c\" #1: XAUTH username:");
            answers.add(c.readAnswer());
            c.say("040 \"c\" #1: XAUTH password:");
            answers.add(c.readAnswer());
            c.say("040 \"c\" #1: XAUTH password (again):");
            answers.add(c.readAnswer());
            c.say("004 \"c\" #2: STATE_QUICK_I2: IPsec SA established");
        })) {
            assertEquals(0, whack(pluto.ctlbase, "--initiate", "--name", "c", "--xauthuser", "alice",
                    "--xauthpass", "pw1"));
            assertEquals(List.of("alice", "pw1", "typed-secret"), answers,
                    "the given values answer once; a repeated prompt asks the person");
            assertEquals(List.of("Enter secret: (hidden)"), prompts);
            assertEquals("alice", pluto.received.get(0).xauthUser());
        }
        assertEquals(4, out().lines().count());
    }

    @Test
    void promptWithoutGivenValuesAsks() throws Exception {
        List<String> answers = new ArrayList<>();
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> {
            c.say("041 user?");
            answers.add(c.readAnswer());
            c.say("004 ok");
        })) {
            assertEquals(0, whack(pluto.ctlbase, "--initiate", "--name", "c"));
            assertEquals(List.of("typed-user"), answers);
            assertEquals(List.of("Enter username: "), prompts);
        }
    }

    @Test
    void plutoNotRunning() {
        String base = dir.resolve("absent").toString();
        assertEquals(1, whack(base, "--status"));
        assertEquals("whack: Pluto is not running (no \"" + base + ".ctl\")\n", err());
        assertEquals("", out());
    }

    @Test
    void nobodyListening() throws IOException {
        String base = dir.resolve("stale").toString();
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(base + ".ctl"));
        s.close(); // the socket file stays, as after a killed pluto
        assertEquals(1, whack(base, "--status"));
        assertEquals("whack: is Pluto running?  connect() for \"" + base + ".ctl\" failed"
                + " (111 Connection refused)\n", err());
    }

    @Test
    void accessTexts() {
        assertEquals("whack: no right to communicate with pluto (access(\"/var/run/pluto.ctl\"))",
                WhackClient.accessText("/var/run/pluto.ctl", new AccessDeniedException("/var/run/pluto.ctl")));
        assertEquals("whack: access(\"/x.ctl\") failed with Input/output error",
                WhackClient.accessText("/x.ctl", new java.nio.file.FileSystemException("/x.ctl", null,
                        "Input/output error")));
    }

    @Test
    void usageErrorsNeverConnect() throws Exception {
        try (FakePluto pluto = new FakePluto(dir, (m, c) -> c.say("004 ok"))) {
            assertEquals(1, whack(pluto.ctlbase, "--route"));
            assertEquals("whack error: missing --name <connection_name>\n", err());
            assertTrue(pluto.received.isEmpty());
        }
    }

    @Test
    void helpAndVersionThroughRun() {
        assertEquals(0, Whack.run(new String[] {"--version"}, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)));
        assertTrue(out().startsWith("jswan whack "));
        assertTrue(out().endsWith(" (FreeS/WAN 2.0x compatible)\n"));
        assertEquals("", err());
    }
}
