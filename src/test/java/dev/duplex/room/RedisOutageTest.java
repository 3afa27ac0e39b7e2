package dev.duplex.room;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a node with rooms in Redis does while Redis is down, and after it is back. */
class RedisOutageTest {

    @RegisterExtension
    @Order(1)
    static final RedisServer REDIS = new RedisServer();

    @RegisterExtension
    @Order(2)
    static final InJvmServer SERVER = new InJvmServer(() -> Map.of("duplex.redis.url", REDIS.url().toString()));

    private static TestSocket enter(String room, String name) throws Exception {
        return TestSocket.connect(ws(SERVER.base(), "room/" + room + "?name=" + name));
    }

    @Test
    void whileRedisIsDownSendersAreToldNewcomersAreAskedToRetryAndAfterwardsRoomsWorkAgain() throws Exception {
        try (TestSocket ann = enter("outage", "ann")) {
            ann.nextEvent("welcome");
            REDIS.stop();
            try {
                ann.send("into the void");
                JsonObject refused = ann.nextEvent("error");
                assertEquals("not_delivered", refused.getString("code"));
                try (TestSocket bob = enter("outage", "bob")) {
                    CloseReason close = bob.awaitClose();
                    assertEquals(1013, close.getCloseCode().getCode(), close::toString);
                }
            } finally {
                REDIS.start();
            }
            assertEquals("back", sendUntilDelivered(ann, "back"));
        }
    }

    /** Lettuce reconnects by itself, with a growing delay: keep trying for a while. */
    private static String sendUntilDelivered(TestSocket member, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            member.send(text);
            JsonObject event = member.nextJson();
            if (event.getString("type").equals("message")) {
                return event.getString("text");
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no message delivered within 60 s of Redis's return");
    }
}
