package dev.duplex.room;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.RedisServer;
import java.net.URI;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RoomContract} with rooms in a real Redis: one node behaves exactly as with rooms in memory. */
class RedisRoomTest implements RoomContract {

    @RegisterExtension
    @Order(1)
    static final RedisServer REDIS = new RedisServer();

    @RegisterExtension
    @Order(2)
    static final InJvmServer SERVER = new InJvmServer(REDIS.setting());

    @Override
    public URI base() {
        return SERVER.base();
    }
}
