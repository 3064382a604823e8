package org.jswan.ike.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {
    @TempDir
    Path dir;

    private List<String> expand(String pattern) {
        return Glob.expand(dir + "/" + pattern, SecretsFileSystem.local());
    }

    private List<String> paths(String... names) {
        return java.util.Arrays.stream(names).map(n -> dir + "/" + n).toList();
    }

    @Test
    void shPatterns() {
        for (String n : List.of("a.secrets", "b.secrets", "ab.secrets", ".h.secrets", "c.txt", "x[1]",
                "d/e.secrets", "d/f.secrets", "g/e.secrets", "star*")) {
            SecretsFiles.write(dir, n, "");
        }
        assertEquals(paths("a.secrets", "ab.secrets", "b.secrets"), expand("*.secrets"));
        assertEquals(paths("a.secrets", "b.secrets"), expand("?.secrets"));
        assertEquals(paths("a.secrets", "ab.secrets"), expand("a*"));
        assertEquals(paths("b.secrets"), expand("[!a]*.secrets"));
        assertEquals(paths("b.secrets"), expand("[^a.]*.secrets"));
        assertEquals(paths("a.secrets", "b.secrets"), expand("[a-b].secrets"));
        assertEquals(paths(".h.secrets"), expand(".*.secrets"));
        assertEquals(paths("d/e.secrets", "g/e.secrets"), expand("*/e.secrets"));
        assertEquals(paths("d/e.secrets", "d/f.secrets", "g/e.secrets"), expand("[dg]/*"));
        assertEquals(paths("x[1]"), expand("x\\[1]"));
        assertEquals(paths("star*"), expand("star\\*"));
        assertEquals(paths("c.txt"), expand("c.txt"));
        assertEquals(List.of(), expand("nothing*"));
        assertEquals(List.of(), expand("missing/*"));
        assertEquals(List.of(), expand("c.txt/*"));
        assertEquals(paths("x[1]"), expand("x[[]1]"));
    }

    @Test
    void relativeIncludeNames() {
        assertEquals("/etc/ipsec.d/x", SecretsLoader.relativeTo("/etc/ipsec.secrets", "ipsec.d/x"));
        assertEquals("/abs", SecretsLoader.relativeTo("/etc/ipsec.secrets", "/abs"));
        assertEquals("x", SecretsLoader.relativeTo("ipsec.secrets", "x"));
        assertEquals("./s/x", SecretsLoader.relativeTo("./s/west", "x"));
    }
}
