package org.jswan.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of jswan's {@code whack --status} the tests check (pluto 2.x format):
 *
 * <pre>
 * 000 #2: "t":4500 STATE_QUICK_I2 (sent QI2, IPsec SA established); EVENT_SA_REPLACE in 28103s; ...
 * 000 #2: "t" esp.71a85503@192.0.2.2 esp.3419fed4@192.0.2.1 tun.1004@192.0.2.2 tun.1003@192.0.2.1
 * 000 #6: "rw"[1] 192.0.2.3 used 3s ago; esp.4e674d8f@192.0.2.3 esp.fbe3569@192.0.2.1 ... Traffic: ...
 * 000 #4: "rw"[1] 192.0.2.3:4500 STATE_MAIN_R3 (sent MR3, ISAKMP SA established); ...
 * </pre>
 *
 * The first esp SPI is the peer's (what we send to), the second ours (what we receive on).
 */
final class JswanStatus {
    private static final Pattern STATE = Pattern.compile(
            "^(?:\\d{3} )?#(\\d+): \"([^\"]+)\"(\\[\\d+](?: [0-9.]+)?)?(?::(\\d+))? (STATE_[A-Z0-9_]+) ");
    private static final Pattern ESP = Pattern.compile(
            "^(?:\\d{3} )?#(\\d+): \"([^\"]+)\"(?:\\[\\d+](?: [0-9.]+)?)?(?::\\d+)?(?: used \\d+s ago;)?"
                    + " esp\\.([0-9a-f]+)@(\\S+) esp\\.([0-9a-f]+)@(\\S+)");

    private JswanStatus() {
    }

    /**
     * One state line: serial, connection, state name, the peer's port when not 500, and for an
     * instance of a %any connection its number and peer ({@code "[1] 192.0.2.3"}, else null).
     */
    record State(int serial, String connection, String kind, Integer peerPort, String instance) {
    }

    /** An established IPsec SA: its state and the ESP SPI pair. */
    record IpsecSa(int serial, String connection, String kind, long peerSpi, String peer, long ourSpi,
                   String us, Integer peerPort) {
    }

    static List<State> states(List<String> status) {
        List<State> out = new ArrayList<>();
        for (String l : status) {
            Matcher m = STATE.matcher(l);
            if (m.find()) {
                out.add(new State(Integer.parseInt(m.group(1)), m.group(2), m.group(5),
                        m.group(4) == null ? null : Integer.valueOf(m.group(4)), m.group(3)));
            }
        }
        return out;
    }

    static List<IpsecSa> ipsecSas(List<String> status) {
        Map<Integer, State> bySerial = new LinkedHashMap<>();
        for (State s : states(status)) {
            bySerial.put(s.serial(), s);
        }
        List<IpsecSa> out = new ArrayList<>();
        for (String l : status) {
            Matcher m = ESP.matcher(l);
            if (m.find()) {
                int serial = Integer.parseInt(m.group(1));
                State st = bySerial.get(serial);
                out.add(new IpsecSa(serial, m.group(2), st == null ? "?" : st.kind(), Long.parseLong(m.group(3), 16),
                        m.group(4), Long.parseLong(m.group(5), 16), m.group(6), st == null ? null : st.peerPort()));
            }
        }
        return out;
    }
}
