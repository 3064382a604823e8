package org.jswan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading {@code tshark -V}: which frames have a malformed packet or an expert error/warning. */
class TsharkTest {
    @Test
    void malformed_and_expert_lines_are_attributed_to_their_frame() {
        List<String> verbose = List.of(
                "Frame 1: 370 bytes on wire (2960 bits), 370 bytes captured (2960 bits) on interface j1a, id 0",
                "Internet Security Association and Key Management Protocol",
                "    Exchange type: Identity Protection (Main Mode) (2)",
                "Frame 11: 242 bytes on wire (1936 bits), 242 bytes captured (1936 bits)",
                "    [Malformed Packet: ISAKMP]",
                "    [Expert Info (Error/Malformed): Malformed Packet (Exception occurred)]",
                "Frame 12: 100 bytes on wire",
                "        [Expert Info (Warning/Protocol): Payload length too short]",
                "Frame 13: 100 bytes on wire",
                "        [Expert Info (Chat/Sequence): fine]");
        Tshark.Report r = Tshark.findings(Path.of("x.pcapng"), "ip.src == 192.0.2.1", verbose, List.of(),
                Map.of(11, "ISAKMP 242 Quick Mode[Malformed Packet]"));

        assertEquals(4, r.frames());
        assertEquals(List.of(11, 12), r.findings().stream().map(Tshark.Finding::frame).toList());
        assertEquals(2, r.findings().get(0).lines().size());
        assertEquals("?", r.findings().get(1).summary());
        AssertionError e = assertThrows(AssertionError.class, r::assertClean);
        assertTrue(e.getMessage().contains("frame 11 (ISAKMP 242 Quick Mode[Malformed Packet])"), e.getMessage());
    }

    @Test
    void a_clean_decode_passes_and_keys_become_uat_options() {
        Tshark.Key k = new Tshark.Key("a49f3fc92d9074d0", "7395ba014acdfda84c1bc9a8eb506968");
        Tshark.Report r = Tshark.findings(Path.of("x.pcapng"), null, List.of("Frame 1: 60 bytes"), List.of(k),
                Map.of());

        assertTrue(r.clean());
        r.assertClean();
        assertEquals("uat:ikev1_decryption_table:a49f3fc92d9074d0,7395ba014acdfda84c1bc9a8eb506968", k.option());
    }
}
