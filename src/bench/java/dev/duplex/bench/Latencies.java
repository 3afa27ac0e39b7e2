package dev.duplex.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** Latency samples in nanoseconds, from any thread, up to a fixed count; percentiles by sorting. */
final class Latencies {

    private final AtomicLongArray samples;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int capacity) {
        samples = new AtomicLongArray(capacity);
    }

    /** Keeps {@code nanos}, or drops it once full: the first samples of a run are as good as any. */
    void record(long nanos) {
        int at = count.getAndIncrement();
        if (at < samples.length()) {
            samples.set(at, nanos);
        }
    }

    double percentileMillis(double percentile) {
        int n = Math.min(count.get(), samples.length());
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = samples.get(i);
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }
}
