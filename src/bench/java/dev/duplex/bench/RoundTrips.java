package dev.duplex.bench;

import dev.duplex.bench.client.Listener;
import dev.duplex.bench.client.LoadConnection;
import dev.duplex.bench.client.NioClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One connection, one message in flight: the next echo leaves when the last one's answer arrives,
 * so each round trip is the server's whole path for one message with nothing to share its costs
 * with (no batching, no thread that is awake anyway). The round trip's p50 and p99, and the
 * server's CPU per message, the bare echo's and duplex's in the same run.
 */
final class RoundTrips {

    private static final int BYTES = 32;
    /** Longer than the throughput runs': at one message at a time, the JIT needs a while to reach the hot path. */
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(5);
    /** Far more than a run takes (tens of thousands a second); the rest would be dropped. */
    private static final int MOST_SAMPLES = 1 << 21;

    /** One run: round trips in µs, round trips per second, and the server's CPU per message. */
    record Result(double p50Micros, double p99Micros, double perSecond, double serverCpuMicros) {
    }

    private RoundTrips() {
    }

    /** The rows: p50, p99 and server CPU per message, each the run with the median p50 of {@code runs} per endpoint. */
    static void report(Report report, NioClient client, ServerUsage server, URI bareEcho, URI duplexEcho, int runs)
            throws Exception {
        Duration warmUp = WARM_UP;
        Duration measure = MEASURE;
        List<Result> bare = new ArrayList<>();
        List<Result> duplex = new ArrayList<>();
        for (int i = 0; i < runs; i++) { // alternately, so that both meet the machine's moods alike
            bare.add(run(client, server, bareEcho, warmUp, measure));
            duplex.add(run(client, server, duplexEcho, warmUp, measure));
        }
        Result b = median(bare);
        Result d = median(duplex);
        String how = runs == 1 ? "one run" : "median of " + runs + " runs";
        String scenario = String.format(Locale.ROOT, "echo, 1 conn, %d B, one in flight (%s of %d s after %d s)", BYTES,
                how, measure.toSeconds(), warmUp.toSeconds());
        report.row(scenario + ", round trip p50", "µs", b.p50Micros(), d.p50Micros(),
                String.format(Locale.ROOT, "round trips/s %,.0f → %,.0f", b.perSecond(), d.perSecond()));
        report.row(scenario + ", round trip p99", "µs", b.p99Micros(), d.p99Micros(), "");
        report.row(scenario + ", server CPU", "µs/msg", b.serverCpuMicros(), d.serverCpuMicros(),
                "the server process's CPU time ÷ messages");
        report.write();
    }

    private static Result median(List<Result> results) {
        List<Result> sorted = results.stream().sorted(Comparator.comparingDouble(Result::p50Micros)).toList();
        return sorted.get(sorted.size() / 2);
    }

    static Result run(NioClient client, ServerUsage server, URI echo, Duration warmUp, Duration measure)
            throws Exception {
        byte[] payload = new byte[BYTES];
        Arrays.fill(payload, (byte) 'x');
        Latencies latencies = new Latencies(MOST_SAMPLES);
        LongAdder answers = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        Listener closedLoop = new Listener() {
            private long sentAt; // the selector thread's alone: one connection

            @Override
            public void onText(LoadConnection connection, ByteBuffer utf8) {
                if (measuring.get()) {
                    latencies.record(System.nanoTime() - sentAt);
                    answers.increment();
                }
                if (!stopped.get()) {
                    sentAt = System.nanoTime();
                    connection.sendText(payload);
                }
            }

            @Override
            public void onOpen(LoadConnection connection) {
                sentAt = System.nanoTime();
                connection.sendText(payload);
            }
        };
        LoadConnection connection = client.connect(echo, closedLoop).get(60, TimeUnit.SECONDS);
        try {
            Thread.sleep(warmUp.toMillis());
            long serverCpuBefore = server.cpuNanos();
            long start = System.nanoTime();
            measuring.set(true);
            Thread.sleep(measure.toMillis());
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCpu = server.cpuNanos() - serverCpuBefore;
            long measured = answers.sum();
            return new Result(latencies.percentileMillis(50) * 1e3, latencies.percentileMillis(99) * 1e3,
                    measured / seconds, serverCpu / 1e3 / measured);
        } finally {
            stopped.set(true);
            connection.close(1000, "done");
            client.awaitClosed(Duration.ofSeconds(60));
        }
    }
}
