package dev.duplex.bench;

import dev.duplex.bench.client.Listener;
import dev.duplex.bench.client.LoadConnection;
import dev.duplex.bench.client.NioClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Idle connections to an echo endpoint: what each costs the server in live heap (after a full GC),
 * once every one of them has answered one message.
 */
final class IdleConnections {

    /**
     * {@code heaviest}: the classes whose live bytes grew most, per connection, heaviest first;
     * {@code closedEarly}: connections the server closed or broke before the end, by close code.
     */
    record Result(int connections, double heapBytesPerConnection, long answered, List<String> heaviest,
            Map<Integer, Long> closedEarly) {

        /** "answered n of m", and what happened to the others where the client saw it. */
        String answers() {
            String closed = closedEarly.isEmpty() ? "" : "; closed early, by code: " + closedEarly;
            return "answered " + answered + " of " + connections + closed;
        }
    }

    private IdleConnections() {
    }

    static Result hold(NioClient client, ServerUsage server, URI echo, int connections) throws Exception {
        Map<String, Long> classesBefore = server.bytesPerClass();
        long heapBefore = server.liveHeapBytes();
        LongAdder answers = new LongAdder();
        Map<Integer, Long> closedEarly = new ConcurrentSkipListMap<>();
        AtomicBoolean closing = new AtomicBoolean();
        Listener counting = new Listener() {
            @Override
            public void onText(LoadConnection connection, ByteBuffer utf8) {
                answers.increment();
            }

            @Override
            public void onClose(LoadConnection connection, int code, String reason) {
                if (!closing.get()) {
                    closedEarly.merge(code, 1L, Long::sum);
                }
            }
        };
        List<LoadConnection> open = client.connectAll(Collections.nCopies(connections, echo), i -> counting, 128,
                Duration.ofSeconds(600));
        try {
            // One message each first: a container may grow a session's buffers on its first message.
            open.forEach(connection -> connection.sendText("still there?"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (answers.sum() < connections && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long heapAfter = server.liveHeapBytes();
            Map<String, Long> classesAfter = server.bytesPerClass();
            List<String> heaviest = classesAfter.entrySet().stream()
                    .map(entry -> Map.entry(entry.getKey(), entry.getValue() - classesBefore.getOrDefault(entry.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .map(entry -> String.format(Locale.ROOT, "%s %.0f B", entry.getKey(), entry.getValue() / (double) connections))
                    .toList();
            return new Result(connections, (heapAfter - heapBefore) / (double) connections, answers.sum(), heaviest,
                    Collections.unmodifiableMap(new TreeMap<>(closedEarly)));
        } finally {
            closing.set(true);
            open.forEach(connection -> connection.close(1000, "done"));
            client.awaitClosed(Duration.ofSeconds(60)); // the next measurement starts from none
        }
    }
}
