package org.jswan.ike.spdb;

import java.util.ArrayList;
import java.util.List;

/**
 * What the selection logic has to say: one line per refused transform (why), and the summary
 * when nothing was acceptable. The engine turns these into log lines with its context prefix.
 */
public final class Refusals {
    private final List<String> lines = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private boolean receivedFixed;

    void refuse(String what, String why) {
        lines.add(what + " refused: " + why);
    }

    void received(String label) {
        if (!receivedFixed) {
            received.add(label);
        }
    }

    /** Records everything that was offered (from a first pass), and ignores later received() calls. */
    void receivedAll(Refusals firstPass) {
        received.clear();
        received.addAll(firstPass.received);
        receivedFixed = true;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** {@code received ...; configured ...}, for the no-acceptable-proposal log line. */
    public String summary(List<String> configured) {
        return "received " + (received.isEmpty() ? "nothing" : String.join(", ", received))
                + "; configured " + (configured.isEmpty() ? "nothing" : String.join(", ", configured));
    }
}
