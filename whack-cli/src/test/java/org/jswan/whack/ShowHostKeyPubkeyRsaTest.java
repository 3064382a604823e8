package org.jswan.whack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jswan.ike.secrets.KeyFormatException;
import org.jswan.ike.secrets.RsaPublicKey;
import org.jswan.ike.secrets.RsaPublicKeyBlob;
import org.jswan.ike.whack.WhackMessage;
import org.jswan.tools.RsaSigKey;
import org.jswan.tools.ShowHostKey;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The round trip an administrator makes: {@code ipsec rsasigkey} into ipsec.secrets, {@code ipsec
 * showhostkey} out of it, the value handed to {@code whack --keyid … --pubkeyrsa}: whack's
 * ttodata reading of it is the RFC 3110 blob of the key.
 */
class ShowHostKeyPubkeyRsaTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {1024, 2048})
    void showhostkeyOutputIsAcceptedByPubkeyRsa(int bits) throws IOException, KeyFormatException {
        byte[] random = new byte[bits];
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) (i * 151 + bits);
        }
        Path randomFile = Files.write(dir.resolve("random"), random);
        String key = run(out -> RsaSigKey.run(new String[] {"--random", randomFile.toString(),
            "--hostname", "west.example", String.valueOf(bits)}, out, System.err));
        Path secrets = Files.writeString(dir.resolve("ipsec.secrets"), "@west.example : RSA {\n" + key + "\t}\n");

        String shown = run(out -> ShowHostKey.run(new String[] {"--file", secrets.toString(), "--id", "@west.example"},
                out, System.err));
        List<String> lines = shown.lines().toList();
        String value = lines.get(1).substring("\tleftrsasigkey=".length());
        RsaPublicKey pub = RsaPublicKeyBlob.decodeText(value);
        assertEquals(bits, pub.bits());

        WhackMessage m = ParserFixture.parse("--keyid @west.example --pubkeyrsa " + value);
        assertEquals(WhackMessage.PUBKEY_ALG_RSA, m.pubkeyAlg());
        assertEquals(pub.blob(), m.keyVal());
        assertEquals(pub, RsaPublicKeyBlob.decode(m.keyVal()));
    }

    private interface Tool {
        int run(PrintStream out);
    }

    private static String run(Tool t) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals(0, t.run(new PrintStream(b, true, StandardCharsets.UTF_8)));
        return b.toString(StandardCharsets.UTF_8);
    }
}
