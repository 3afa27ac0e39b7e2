package dev.duplex.room.redis;

import dev.duplex.room.Recipient;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where the worker's deliveries are written out: a few threads, so that a room's fan-out (the
 * container's send of each event to each member, most of a node's work per message) runs on all
 * cores instead of on the one worker. A member always uses the same lane, so its events keep the
 * order the worker gave them.
 */
final class DeliveryLanes implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DeliveryLanes.class.getName());

    private final ExecutorService[] lanes;

    DeliveryLanes(int count) {
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "duplex-redis-delivery-" + (i + 1);
            lanes[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** The member's recipient, on its lane: its removal too, after the events before it. */
    Recipient laneOf(String memberId, Recipient recipient) {
        ExecutorService lane = lanes[Math.floorMod(memberId.hashCode(), lanes.length)];
        return Recipient.of(event -> onLane(lane, () -> recipient.deliver(event)), () -> onLane(lane, recipient::removed));
    }

    private static void onLane(ExecutorService lane, Runnable task) {
        try {
            lane.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) { // the executor would swallow it without a word
                    LOG.log(Level.ERROR, "Redis rooms: delivery failed", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // the hub is closing: its connections are being closed too
        }
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }
}
