package dev.duplex.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * Histogram buckets for timers. Fixed, readable bounds rather than Micrometer's percentile
 * histogram, which publishes about 70 buckets per series.
 */
public final class Buckets {

    private Buckets() {
    }

    /** The upper bounds, in milliseconds, as durations. */
    public static Duration[] millis(double... bounds) {
        return Arrays.stream(bounds).mapToObj(millis -> Duration.ofNanos(Math.round(millis * 1_000_000)))
                .toArray(Duration[]::new);
    }
}
