package org.jswan.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code swanctl --list-sas --raw}, parsed. The raw form is the VICI message printed as nested
 * sections, one IKE SA per {@code list-sa event} line:
 *
 * <pre>
 * list-sa event {net {uniqueid=1 version=1 state=ESTABLISHED ... child-sas {net-1 {name=net
 *   state=INSTALLED mode=TUNNEL protocol=ESP encap=yes spi-in=deb22e13 spi-out=fad14a7a ...
 *   local-ts=[198.51.100.0/24] remote-ts=[203.0.113.0/24]}}}}
 * </pre>
 */
final class SwanctlSas {
    private SwanctlSas() {
    }

    /** One IKE (ISAKMP) SA as charon reports it. */
    record IkeSa(String name, String state, String localHost, String localPort, String remoteHost,
                 String remotePort, String localId, String remoteId, boolean initiator, String initiatorSpi,
                 String responderSpi, String encrAlg, String encrKeysize, String integAlg, String prfAlg,
                 String dhGroup, List<ChildSa> children, Map<String, String> raw) {

        boolean established() {
            return "ESTABLISHED".equals(state);
        }

        /** "AES_CBC-128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048", as swanctl's pretty output shows it. */
        String proposal() {
            return alg(encrAlg, encrKeysize) + "/" + integAlg + "/" + prfAlg + "/" + dhGroup;
        }

        Optional<ChildSa> child(String name) {
            return children.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /** One CHILD_SA (IPsec SA pair). */
    record ChildSa(String name, String state, String mode, boolean encap, String protocol, long spiIn,
                   long spiOut, String encrAlg, String encrKeysize, String integAlg, String dhGroup,
                   List<String> localTs, List<String> remoteTs, Map<String, String> raw) {

        boolean installed() {
            return "INSTALLED".equals(state);
        }

        /** The mode as swanctl's pretty output prints it: "TUNNEL-in-UDP" when UDP-encapsulated. */
        String modeLabel() {
            return mode + (encap ? "-in-UDP" : "");
        }

        /** "ESP:AES_CBC-128/HMAC_SHA1_96[/MODP_2048]" (the DH group only with PFS). */
        String proposal() {
            return protocol + ":" + alg(encrAlg, encrKeysize) + (integAlg == null ? "" : "/" + integAlg)
                    + (dhGroup == null ? "" : "/" + dhGroup);
        }
    }

    private static String alg(String name, String keysize) {
        return keysize == null ? name : name + "-" + keysize;
    }

    /** Parses every {@code list-sa event} line of the output; other lines are ignored. */
    static List<IkeSa> parse(List<String> lines) {
        List<IkeSa> sas = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("list-sa event")) {
                continue;
            }
            Section event = Section.parse(line.substring(line.indexOf('{')));
            for (Map.Entry<String, Section> e : event.sections.entrySet()) {
                sas.add(ike(e.getKey(), e.getValue()));
            }
        }
        return sas;
    }

    private static IkeSa ike(String name, Section s) {
        List<ChildSa> children = new ArrayList<>();
        Section cs = s.sections.get("child-sas");
        if (cs != null) {
            for (Section c : cs.sections.values()) {
                children.add(child(c));
            }
        }
        return new IkeSa(name, s.get("state"), s.get("local-host"), s.get("local-port"), s.get("remote-host"),
                s.get("remote-port"), s.get("local-id"), s.get("remote-id"), "yes".equals(s.get("initiator")),
                s.get("initiator-spi"), s.get("responder-spi"), s.get("encr-alg"), s.get("encr-keysize"),
                s.get("integ-alg"), s.get("prf-alg"), s.get("dh-group"), List.copyOf(children), Map.copyOf(s.values));
    }

    private static ChildSa child(Section c) {
        return new ChildSa(c.get("name"), c.get("state"), c.get("mode"), "yes".equals(c.get("encap")),
                c.get("protocol"), hex(c.get("spi-in")), hex(c.get("spi-out")), c.get("encr-alg"),
                c.get("encr-keysize"), c.get("integ-alg"), c.get("dh-group"),
                c.lists.getOrDefault("local-ts", List.of()), c.lists.getOrDefault("remote-ts", List.of()),
                Map.copyOf(c.values));
    }

    private static long hex(String s) {
        return s == null ? -1 : Long.parseLong(s, 16);
    }

    /** One {@code {k=v k=[a b] name {...}}} section. */
    static final class Section {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, List<String>> lists = new LinkedHashMap<>();
        final Map<String, Section> sections = new LinkedHashMap<>();

        String get(String key) {
            return values.get(key);
        }

        /** Parses text that starts with '{' up to its matching '}'. */
        static Section parse(String text) {
            List<String> tokens = tokens(text);
            int[] pos = {0};
            if (tokens.isEmpty() || !tokens.get(0).equals("{")) {
                throw new IllegalArgumentException("not a section: " + text);
            }
            pos[0] = 1;
            return body(tokens, pos, text);
        }

        private static Section body(List<String> t, int[] pos, String text) {
            Section s = new Section();
            while (pos[0] < t.size()) {
                String tok = t.get(pos[0]++);
                if (tok.equals("}")) {
                    return s;
                }
                boolean next = pos[0] < t.size();
                if (tok.endsWith("=") && next && t.get(pos[0]).equals("[")) {
                    pos[0]++;
                    List<String> items = new ArrayList<>();
                    while (pos[0] < t.size() && !t.get(pos[0]).equals("]")) {
                        items.add(t.get(pos[0]++));
                    }
                    pos[0]++;
                    s.lists.put(tok.substring(0, tok.length() - 1), List.copyOf(items));
                } else if (tok.contains("=")) {
                    int eq = tok.indexOf('=');
                    s.values.put(tok.substring(0, eq), tok.substring(eq + 1));
                } else if (next && t.get(pos[0]).equals("{")) {
                    pos[0]++;
                    s.sections.put(tok, body(t, pos, text));
                } else {
                    throw new IllegalArgumentException("unexpected '" + tok + "' in " + text);
                }
            }
            throw new IllegalArgumentException("unterminated section: " + text);
        }

        private static List<String> tokens(String text) {
            List<String> out = new ArrayList<>();
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '{' || ch == '}' || ch == '[' || ch == ']' || Character.isWhitespace(ch)) {
                    if (w.length() > 0) {
                        out.add(w.toString());
                        w.setLength(0);
                    }
                    if (!Character.isWhitespace(ch)) {
                        out.add(String.valueOf(ch));
                    }
                } else {
                    w.append(ch);
                }
            }
            if (w.length() > 0) {
                out.add(w.toString());
            }
            return out;
        }
    }
}
