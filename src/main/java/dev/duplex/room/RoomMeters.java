package dev.duplex.room;

import dev.duplex.metrics.Buckets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The meters of the group layer, registered here where they are measured. */
public final class RoomMeters {

    private RoomMeters() {
    }

    /**
     * The broadcast latency histogram: from the moment this node has a message (from its sender, or
     * from Redis) to its hand-off to the last of the room's members here.
     */
    public static Timer broadcast(MeterRegistry registry, String layer) {
        return Timer.builder("duplex.broadcast").tag("layer", layer)
                .description("From a message's arrival on this node to its hand-off to the last local member")
                .serviceLevelObjectives(Buckets.millis(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500))
                .register(registry);
    }
}
