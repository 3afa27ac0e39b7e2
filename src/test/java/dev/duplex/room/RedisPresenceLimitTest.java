package dev.duplex.room;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.RedisServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PresenceLimitContract} across two nodes on a real Redis: the limit counts the members of both. */
class RedisPresenceLimitTest implements PresenceLimitContract {

    @RegisterExtension
    @Order(1)
    static final RedisServer REDIS = new RedisServer();

    @RegisterExtension
    @Order(2)
    static final InJvmServer A = new InJvmServer(withRedis());

    @RegisterExtension
    @Order(3)
    static final InJvmServer B = new InJvmServer(withRedis());

    private static Map<String, String> withRedis() {
        Map<String, String> settings = new HashMap<>(LIMIT_OF_TWO);
        settings.putAll(REDIS.setting());
        return settings;
    }

    @Override
    public InJvmServer first() {
        return A;
    }

    @Override
    public InJvmServer second() {
        return B;
    }
}
