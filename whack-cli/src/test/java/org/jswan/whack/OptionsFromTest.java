package org.jswan.whack;

import static org.jswan.whack.ParserFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.base.IpAddress;
import org.jswan.ike.whack.WhackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --optionsfrom}: where the file's arguments go, how its lines split, how it fails. */
class OptionsFromTest {
    @TempDir
    Path dir;

    private String file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p.toString();
    }

    @Test
    void lineRules() {
        List<String> out = new ArrayList<>();
        for (String line : List.of("# a comment", "", "   ", "\t# indented comment", "--name  c\t--psk",
                "  --host 10.0.0.1", "ipsec _updown --with args", "\"  quoted  \"", "\"unbalanced",
                "say \"hi\"", "\"\"")) {
            OptionsFrom.addLine(line, out);
        }
        assertEquals(List.of("--name", "c", "--psk", "--host", "10.0.0.1", "ipsec _updown --with args",
                "  quoted  ", "\"unbalanced", "say \"hi\"", ""), out);
    }

    @Test
    void argumentsAreInsertedRightAfterTheOption() throws IOException {
        String left = file("left.opts", "# left end", "--host 10.0.0.1", "--updown", "my updown --verbose");
        WhackMessage m = request(List.of("--name", "c", "--optionsfrom", left, "--to", "--host", "10.0.0.2",
                "--psk")).message();
        assertEquals(IpAddress.parse("10.0.0.1"), m.left().host(), "before --to, so the left end");
        assertEquals("my updown --verbose", m.left().updown(), "a line without a leading - is one argument");
        assertEquals(IpAddress.parse("10.0.0.2"), m.right().host());
    }

    @Test
    void anOptionsArgumentMayComeFromTheFile() throws IOException {
        String f = file("name.opts", "--name", "\"a name with blanks\"");
        assertEquals("a name with blanks", request(List.of("--optionsfrom", f, "--route")).message().name());
    }

    @Test
    void aRequiredArgumentIsTakenVerbatim() throws IOException {
        String f = file("name.opts", "--name");
        String g = file("value.opts", "x");
        assertEquals("whack error: \"--optionsfrom\" unexpected argument \"" + g + "\"",
                ParserFixture.error(1, List.of("--optionsfrom", f, "--optionsfrom", g, "--route")),
                "as getopt_long: --name swallows the next word, even --optionsfrom");
    }

    @Test
    void nestedFiles() throws IOException {
        String inner = file("inner.opts", "--to --host 10.0.0.2 --psk");
        String outer = file("outer.opts", "--name c --host 10.0.0.1", "--optionsfrom", inner);
        WhackMessage m = request(List.of("--optionsfrom", outer, "--keyingtries", "7")).message();
        assertTrue(m.connection());
        assertEquals(7, m.keyingTries());
    }

    @Test
    void failuresExitTwo() throws IOException {
        String missing = dir.resolve("nope.opts").toString();
        assertEquals("whack: optionsfrom failed: unable to open file",
                ParserFixture.error(2, List.of("--status", "--optionsfrom", missing)));
        Path loop = dir.resolve("loop.opts");
        Files.write(loop, List.of("--optionsfrom " + loop));
        assertEquals("whack: optionsfrom called 101 times, looping?",
                ParserFixture.error(2, List.of("--optionsfrom", loop.toString())));
        String tooLong = file("long.opts", "--name " + "n".repeat(1100));
        assertEquals("whack: optionsfrom failed: line too long",
                ParserFixture.error(2, List.of("--optionsfrom", tooLong)));
        assertEquals("whack: optionsfrom failed: error in line read",
                ParserFixture.error(2, List.of("--optionsfrom", dir.toString())), "a directory");
    }

    @Test
    void errorsInsideTheFileAreOrdinaryWhackErrors() throws IOException {
        String f = file("dup.opts", "--status --status");
        assertEquals("whack error: duplicated flag \"status\"", ParserFixture.error(1, List.of("--optionsfrom", f)));
    }
}
