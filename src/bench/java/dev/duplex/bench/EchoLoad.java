package dev.duplex.bench;

import dev.duplex.bench.client.Listener;
import dev.duplex.bench.client.LoadConnection;
import dev.duplex.bench.client.NioClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop echo load: each connection keeps {@code window} messages in flight and sends the next
 * one as each answer arrives, so the rate is what the server sustains. Works for any endpoint that
 * answers every text message once (echo, rewrite).
 */
final class EchoLoad {

    /** What one run measured: answers per second, and CPU per answer on each side. */
    record Result(double perSecond, double serverCpuMicros, double clientCpuMicros) {
    }

    private EchoLoad() {
    }

    static Result run(NioClient client, ServerUsage server, URI endpoint, int connections, int bytes, int window,
            Duration warmUp, Duration measure) throws Exception {
        byte[] payload = new byte[bytes];
        Arrays.fill(payload, (byte) 'x');
        LongAdder answers = new LongAdder();
        AtomicBoolean stopped = new AtomicBoolean();
        Listener loop = new Listener() {
            @Override
            public void onText(LoadConnection connection, ByteBuffer utf8) {
                answers.increment();
                if (!stopped.get()) { // keep the window full
                    connection.sendText(payload);
                }
            }
        };
        List<LoadConnection> open = client.connectAll(Collections.nCopies(connections, endpoint), i -> loop,
                Math.min(connections, 64), Duration.ofSeconds(60));
        try {
            for (LoadConnection connection : open) {
                for (int i = 0; i < window; i++) {
                    connection.sendText(payload);
                }
            }
            Thread.sleep(warmUp.toMillis());
            long answersBefore = answers.sum();
            long serverCpuBefore = server.cpuNanos();
            long clientCpuBefore = client.stats().selectorCpuNanos();
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            long measured = answers.sum() - answersBefore;
            double serverCpu = server.cpuNanos() - serverCpuBefore;
            double clientCpu = client.stats().selectorCpuNanos() - clientCpuBefore;
            return new Result(measured / seconds, serverCpu / 1e3 / measured, clientCpu / 1e3 / measured);
        } finally {
            stopped.set(true);
            open.forEach(connection -> connection.close(1000, "done"));
            client.awaitClosed(Duration.ofSeconds(60)); // the next run starts from none
        }
    }
}
