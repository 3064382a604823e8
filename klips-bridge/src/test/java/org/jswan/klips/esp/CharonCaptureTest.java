package org.jswan.klips.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-check against a real peer: the ESP-in-UDP packets strongSwan's charon (kernel-libipsec)
 * exchanged in {@code psk-tunnel-pfs.pcapng}, opened with the keys charon logged, are ICMP echo
 * between the client subnets; sealing the plaintext again with charon's IV reproduces charon's
 * bytes exactly.
 */
class CharonCaptureTest {
    private static final String DIR = "/org/jswan/klips/esp/";
    private static final long INITIATOR_TO_RESPONDER = 0x13d05e9eL;
    private static final long RESPONDER_TO_INITIATOR = 0xeda1b008L;

    /** The keys of the "key => N bytes" hex dumps in charon's log, by name. */
    static Map<String, byte[]> charonKeys() throws IOException {
        Map<String, byte[]> keys = new HashMap<>();
        Pattern head = Pattern.compile("> (\\w+ \\w+ key) => (\\d+) bytes");
        Pattern dump = Pattern.compile(">\\s+\\d+: ((?:[0-9A-F]{2} )+)");
        try (InputStream in = CharonCaptureTest.class.getResourceAsStream(DIR + "psk-tunnel-pfs.esp-keys.log");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String name = null;
            StringBuilder hex = new StringBuilder();
            int want = 0;
            for (String line; (line = r.readLine()) != null; ) {
                Matcher h = head.matcher(line);
                Matcher d = dump.matcher(line);
                if (h.find()) {
                    name = h.group(1);
                    want = Integer.parseInt(h.group(2));
                    hex.setLength(0);
                } else if (name != null && d.find()) {
                    hex.append(d.group(1));
                    byte[] k = Hex.parse(hex.toString());
                    if (k.length == want) {
                        byte[] before = keys.putIfAbsent(name, k);
                        if (before != null) {
                            assertArrayEquals(before, k, "both charons logged the same " + name);
                        }
                        name = null;
                    }
                } else {
                    name = null;
                }
            }
        }
        return keys;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CharonCaptureTest.class.getResourceAsStream(DIR + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** UDP payloads on port 4500 that are ESP (first four bytes not zero). */
    static List<byte[]> espInUdp(List<Pcapng.Frame> frames) throws BadPacket {
        List<byte[]> out = new ArrayList<>();
        for (Pcapng.Frame f : frames) {
            byte[] ip = f.ipv4();
            if (ip == null || Ipv4.protocol(ip, 0) != Ipv4.PROTO_UDP) {
                continue;
            }
            int ihl = Ipv4.headerLength(ip, 0);
            int total = Ipv4.check(ip, 0, ip.length);
            if (UdpEncapsulation.destinationPort(ip, ihl) != UdpEncapsulation.PORT) {
                continue;
            }
            byte[] payload = UdpEncapsulation.payload(ip, ihl, total - ihl);
            if (UdpEncapsulation.classify(payload, 0, payload.length) == UdpEncapsulation.Kind.ESP) {
                out.add(payload);
            }
        }
        return out;
    }

    @Test
    void charonsEspInUdpOpensToIcmpEchoBetweenTheClients() throws Exception {
        Map<String, byte[]> k = charonKeys();
        assertEquals(4, k.size(), k.keySet().toString());
        // charon's IKEv1 CHILD_SA: "initiator" keys protect what the initiator (192.0.2.1) sends
        Map<Long, EspTransform> sas = new HashMap<>();
        sas.put(INITIATOR_TO_RESPONDER, new EspTransform(INITIATOR_TO_RESPONDER, EncryptionAlgorithm.AES_CBC,
                k.get("encryption initiator key"), IntegrityAlgorithm.HMAC_SHA1_96, k.get("integrity initiator key")));
        sas.put(RESPONDER_TO_INITIATOR, new EspTransform(RESPONDER_TO_INITIATOR, EncryptionAlgorithm.AES_CBC,
                k.get("encryption responder key"), IntegrityAlgorithm.HMAC_SHA1_96, k.get("integrity responder key")));
        Map<Long, ReplayWindow> windows = Map.of(INITIATOR_TO_RESPONDER, new ReplayWindow(64),
                RESPONDER_TO_INITIATOR, new ReplayWindow(64));

        List<byte[]> esp = espInUdp(Pcapng.read(resource("psk-tunnel-pfs.pcapng")));
        assertEquals(6, esp.size(), "three echo requests and three replies");
        int requests = 0;
        int replies = 0;
        for (byte[] p : esp) {
            long spi = EspTransform.spiOf(p, 0, p.length);
            EspTransform sa = sas.get(spi);
            assertNotNull(sa, "SPI " + Long.toHexString(spi));
            EspTransform.Opened o = sa.open(p, 0, p.length, windows.get(spi));
            assertEquals(Ipv4.PROTO_IPIP, o.nextHeader(), "tunnel mode: an IPv4 packet inside");
            byte[] inner = o.payload();
            IpSelectors s = IpSelectors.parse(inner, 0, inner.length);
            assertEquals(Ipv4.PROTO_ICMP, s.protocol());
            assertEquals(0, Ipv4.checksum(inner, 0, Ipv4.headerLength(inner, 0)), "inner header checksum");
            int icmpType = inner[Ipv4.headerLength(inner, 0)] & 0xff;
            if (spi == INITIATOR_TO_RESPONDER) {
                assertEquals("198.51.100.1 -> 203.0.113.1 proto 1", s.toString());
                assertEquals(8, icmpType, "echo request");
                requests++;
            } else {
                assertEquals("203.0.113.1 -> 198.51.100.1 proto 1", s.toString());
                assertEquals(0, icmpType, "echo reply");
                replies++;
            }
            // charon pads 1, 2, 3, ... as we do: the same IV gives the same bytes
            byte[] iv = java.util.Arrays.copyOfRange(p, EspTransform.HEADER, EspTransform.HEADER + 16);
            byte[] again = new byte[sa.sealedLength(inner.length)];
            sa.seal(o.seq(), iv, inner, 0, inner.length, Ipv4.PROTO_IPIP, again, 0);
            assertArrayEquals(p, again, "re-sealed packet " + o.seq() + " of SPI " + Long.toHexString(spi));
        }
        assertEquals(3, requests);
        assertEquals(3, replies);
        assertEquals(3, windows.get(INITIATOR_TO_RESPONDER).top());
    }

    @Test
    void aTamperedCapturedPacketFailsItsIcv() throws Exception {
        Map<String, byte[]> k = charonKeys();
        EspTransform sa = new EspTransform(INITIATOR_TO_RESPONDER, EncryptionAlgorithm.AES_CBC,
                k.get("encryption initiator key"), IntegrityAlgorithm.HMAC_SHA1_96, k.get("integrity initiator key"));
        byte[] p = espInUdp(Pcapng.read(resource("psk-tunnel-pfs.pcapng"))).get(0);
        p[40] ^= 1;
        BadPacket e = org.junit.jupiter.api.Assertions.assertThrows(BadPacket.class,
                () -> sa.open(p, 0, p.length, new ReplayWindow(64)));
        assertEquals(BadPacket.Reason.AUTHENTICATION, e.reason());
        assertTrue(e.getMessage().contains("13d05e9e"));
    }
}
