package dev.duplex.bench;

import dev.duplex.testing.LightMember;
import dev.duplex.testing.NodeProcess;
import dev.duplex.testing.RedisServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Delivery latency in a room of 100 members at 20 messages per second, from the sender's send to
 * each member's receipt, all on this machine's loopback: in memory on one node, through Redis on
 * one node, and through Redis across two nodes (half the members on each). The built WAR runs on
 * embedded Tomcat processes, as in the multi-node tests.
 *
 * <p>A measurement, not a test: it asserts nothing and runs only when asked, with
 * {@code mvn -B package -DskipTests failsafe:integration-test@bench}. It writes
 * {@code target/bench/room-latency.md}.
 */
class RoomLatencyBench {

    private static final int MEMBERS = 100;
    private static final int RATE = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(15);

    @Test
    void roomOf100At20MessagesPerSecond() throws Exception {
        List<String> rows = new ArrayList<>();
        try (NodeProcess memory = NodeProcess.tomcat("bench-memory")) {
            rows.add(row("one node, in memory", measure(memory, memory)));
        }
        RedisServer redis = new RedisServer();
        redis.start();
        try (NodeProcess a = NodeProcess.tomcat("bench-a", redis.property());
                NodeProcess b = NodeProcess.tomcat("bench-b", redis.property())) {
            rows.add(row("one node, through Redis", measure(a, a)));
            rows.add(row("two nodes, through Redis", measure(a, b)));
        } finally {
            redis.stop();
        }
        String report = """
                # Room delivery latency

                Room of %d members, one sender at %d messages/s for %d s (after %d s of warm-up); latency from the
                send to each member's receipt, on loopback. Java %s, %d cores. Nodes: embedded Tomcat, built WAR.

                | setup | deliveries | p50 ms | p99 ms | max ms |
                |---|---:|---:|---:|---:|
                %s
                """.formatted(MEMBERS, RATE, MEASURE.toSeconds(), WARM_UP.toSeconds(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), String.join("\n", rows));
        Path out = Path.of("target/bench/room-latency.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** Members alternate between the two nodes; the sender is on the first. Latencies in ms. */
    private static double[] measure(NodeProcess first, NodeProcess second) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String room = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<LightMember>> entering = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            entering.add(LightMember.enter(client, (i % 2 == 0 ? first : second).base(), room, "m" + i));
        }
        CompletableFuture.allOf(entering.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<LightMember> members = entering.stream().map(CompletableFuture::join).toList();
        LightMember sender = members.get(0);

        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        long measureFrom = start + WARM_UP.toNanos();
        long end = measureFrom + MEASURE.toNanos();
        int sent = 0;
        for (long at = start; at < end; at += period) {
            while (System.nanoTime() < at) {
                Thread.onSpinWait();
            }
            sender.send(Long.toString(System.nanoTime())).get(5, TimeUnit.SECONDS);
            sent++;
        }
        Thread.sleep(1000); // the last ones arrive
        List<Double> latencies = new ArrayList<>();
        long lost = 0;
        for (LightMember member : members) {
            lost += sent - member.arrivals().size();
            for (LightMember.Arrival arrival : member.arrivals()) {
                long sentAt = Long.parseLong(arrival.text());
                if (sentAt >= measureFrom) {
                    latencies.add((arrival.nanos() - sentAt) / 1e6);
                }
            }
            member.close();
        }
        if (lost != 0) {
            throw new IllegalStateException(lost + " deliveries missing");
        }
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static String row(String setup, double[] sorted) {
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |", setup, sorted.length,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
