package org.jswan.updown;

import java.time.Duration;
import java.util.List;

/**
 * How one updown run ended.
 *
 * @param exitStatus the command's exit status; -1 when it was killed or could not be started
 * @param output its stdout and stderr, merged, one entry per line (bounded; see
 *     {@link UpdownRunner#MAX_OUTPUT_LINES})
 * @param timedOut whether it overran its time and was killed
 * @param elapsed how long it ran
 * @param problem why it failed to run or was killed, in words fit for pluto's log; null if it
 *     ran to completion
 */
public record UpdownResult(int exitStatus, List<String> output, boolean timedOut, Duration elapsed,
                           String problem) {
    public UpdownResult {
        output = List.copyOf(output);
    }

    public boolean succeeded() {
        return problem == null && exitStatus == 0;
    }
}
