package dev.duplex.socket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The closes of the clients that did not take their goodbye in time, sent at once and many in
 * parallel: each may wait on its client (Tomcat writes a close blocking), and the closer, two
 * threads, may be busy with the others' goodbyes.
 */
final class LastCloses {

    private static final int MOST_AT_ONCE = 32;

    private LastCloses() {
    }

    /** Aborts every one of {@code late}, waiting {@code wait} at most for their closes to be sent. */
    static void abort(List<Connections.Live> late, int code, String reason, Duration wait) {
        if (late.isEmpty()) {
            return;
        }
        ExecutorService aborts = Executors.newFixedThreadPool(Math.min(late.size(), MOST_AT_ONCE), task -> {
            Thread thread = new Thread(task, "duplex-last-close");
            thread.setDaemon(true); // one still waiting on its client must not keep the JVM up
            return thread;
        });
        late.forEach(live -> aborts.execute(() -> live.abort(code, reason)));
        aborts.shutdown();
        try {
            aborts.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
