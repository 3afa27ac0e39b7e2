package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.RoomHub;
import dev.duplex.room.RoomHubContract;
import dev.duplex.testing.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RoomHubContract} on the Redis hub, against a real redis-server: one node behaves as in memory. */
class RedisRoomHubTest implements RoomHubContract {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final List<RoomHub> hubs = new ArrayList<>();

    @Override
    public RoomHub newHub(int historySize, int presenceLimit) {
        RoomHub hub = RedisRoomHub.start(REDIS.url(), new JsonCodec(), Clock.systemUTC(), historySize, presenceLimit,
                new SimpleMeterRegistry());
        hubs.add(hub);
        return hub;
    }

    @AfterEach
    void closeHubs() {
        hubs.forEach(RoomHub::close);
    }
}
