package org.jswan.ike.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jswan.ike.base.Bytes;

/**
 * Reads the hex dumps out of a charon level-4 log:
 *
 * <pre>
 * 07:03:18.205 08[IKE] &lt;psk-tunnel|1&gt; SKEYID =&gt; 20 bytes @ 0x7f2a18005f30
 * 07:03:18.205 08[IKE] &lt;psk-tunnel|1&gt;    0: 31 39 60 79 6D E3 0C AE 36 09 0A F0 19 3A 87 16  19`ym...6....:..
 * 07:03:18.205 08[IKE] &lt;psk-tunnel|1&gt;   16: A2 EC A0 ED                                      ....
 * </pre>
 *
 * A dump's lines come from the thread that printed its header ("08" above); other threads'
 * lines may be interleaved, so dumps are assembled per thread. Offsets must run on without a
 * gap and the byte count must match the header, or the log is reported as damaged.
 */
final class CharonLog {
    private static final Pattern PREFIX = Pattern.compile("^\\S+ (\\d+)\\[(\\w+)\\] (?:<[^>]*> )?(.*)$");
    private static final Pattern HEADER = Pattern.compile("^(.*?)\\s*=> (\\d+) bytes @ \\S+$");
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+): (.*)$");

    /** One dump: its label (text before "=>", trimmed), the thread, the line it starts on. */
    record Dump(String label, String thread, int lineNo, Bytes bytes) {
    }

    private final List<Dump> dumps;

    private CharonLog(List<Dump> dumps) {
        this.dumps = dumps;
    }

    static CharonLog readResource(String name) {
        try (InputStream in = CharonLog.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /captures/" + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Open {
        final String label;
        final int lineNo;
        final int expected;
        final byte[] buf;
        int have;

        Open(String label, int lineNo, int expected) {
            this.label = label;
            this.lineNo = lineNo;
            this.expected = expected;
            this.buf = new byte[expected];
        }
    }

    static CharonLog parse(String text) {
        List<Dump> out = new ArrayList<>();
        Map<String, Open> open = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PREFIX.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String thread = m.group(1);
            String msg = m.group(3);
            Open cur = open.get(thread);
            Matcher line = LINE.matcher(msg);
            if (cur != null && line.matches()) {
                int off = Integer.parseInt(line.group(1));
                if (off != cur.have) {
                    throw new IllegalStateException("line " + (i + 1) + ": dump '" + cur.label
                            + "' continues at offset " + off + ", expected " + cur.have);
                }
                int n = Math.min(16, cur.expected - cur.have);
                String hex = line.group(2);
                for (int k = 0; k < n; k++) {
                    cur.buf[cur.have++] = (byte) Integer.parseInt(hex.substring(3 * k, 3 * k + 2), 16);
                }
                if (cur.have == cur.expected) {
                    out.add(new Dump(cur.label, thread, cur.lineNo, Bytes.copyOf(cur.buf)));
                    open.remove(thread);
                }
                continue;
            }
            if (cur != null) {
                throw new IllegalStateException("line " + (i + 1) + ": dump '" + cur.label + "' of thread "
                        + thread + " stops after " + cur.have + " of " + cur.expected + " bytes");
            }
            Matcher h = HEADER.matcher(msg);
            if (h.matches()) {
                int n = Integer.parseInt(h.group(2));
                if (n == 0) {
                    out.add(new Dump(h.group(1).trim(), thread, i + 1, Bytes.EMPTY));
                } else {
                    open.put(thread, new Open(h.group(1).trim(), i + 1, n));
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException("log ends inside dumps " + open.keySet());
        }
        return new CharonLog(List.copyOf(out));
    }

    /** Every dump with this label, in log order. */
    List<Bytes> all(String label) {
        List<Bytes> r = new ArrayList<>();
        for (Dump d : dumps) {
            if (d.label().equals(label)) {
                r.add(d.bytes());
            }
        }
        return r;
    }

    /** The first dump with this label. */
    Bytes first(String label) {
        List<Bytes> r = all(label);
        if (r.isEmpty()) {
            throw new IllegalArgumentException("no dump '" + label + "'");
        }
        return r.get(0);
    }

    /** The one dump with this label; fails if there are none or several. */
    Bytes only(String label) {
        List<Bytes> r = all(label);
        if (r.size() != 1) {
            throw new IllegalArgumentException(r.size() + " dumps '" + label + "'");
        }
        return r.get(0);
    }

    List<Dump> dumps() {
        return dumps;
    }
}
