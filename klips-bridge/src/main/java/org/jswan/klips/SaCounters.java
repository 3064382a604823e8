package org.jswan.klips;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kernel counted for one SA, for {@code whack --status}.
 *
 * @param packets packets the SA carried (sent for an outbound SA, accepted for an inbound one)
 * @param bytes   their bytes, counted as the IP packets before encapsulation / after decapsulation
 * @param dropped inbound packets for this SA that were refused (ICV, replay, padding, arrival check)
 * @param idle    time since the SA last carried a packet, empty when it never did ("used Ns ago")
 */
public record SaCounters(long packets, long bytes, long dropped, Optional<Duration> idle) {
    public SaCounters {
        Objects.requireNonNull(idle, "idle");
    }
}
