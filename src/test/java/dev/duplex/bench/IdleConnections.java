package dev.duplex.bench;

import dev.duplex.bench.client.Connection;
import dev.duplex.bench.client.Listener;
import dev.duplex.bench.client.NioClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Idle connections to an echo endpoint: what each costs the server in live heap (after a full GC)
 * and in resident memory, and whether every one of them still answers once they are all open.
 */
final class IdleConnections {

    record Result(int connections, double heapBytesPerConnection, double residentBytesPerConnection, long answered) {
    }

    private IdleConnections() {
    }

    static Result hold(NioClient client, ServerUsage server, URI echo, int connections) throws Exception {
        long heapBefore = server.liveHeapBytes();
        long residentBefore = server.residentBytes();
        LongAdder answers = new LongAdder();
        Listener counting = new Listener() {
            @Override
            public void onText(Connection connection, ByteBuffer utf8) {
                answers.increment();
            }
        };
        List<Connection> open = client.connectAll(Collections.nCopies(connections, echo), i -> counting, 128,
                Duration.ofSeconds(600));
        try {
            Thread.sleep(2_000); // let the server settle what each handshake left behind
            long heapAfter = server.liveHeapBytes();
            long residentAfter = server.residentBytes();
            open.forEach(connection -> connection.sendText("still there?"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (answers.sum() < connections && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            return new Result(connections, (heapAfter - heapBefore) / (double) connections,
                    (residentAfter - residentBefore) / (double) connections, answers.sum());
        } finally {
            open.forEach(connection -> connection.close(1000, "done"));
        }
    }
}
