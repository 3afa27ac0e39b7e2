package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
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
        return Rooms.enter(SERVER.base(), room, name);
    }

    @Test
    void whileRedisIsDownSendersAreToldNewcomersAreAskedToRetryAndAfterwardsRoomsWorkAgain() throws Exception {
        try (TestSocket ann = enter("outage", "ann")) {
            ann.nextEvent("welcome");
            REDIS.stop();
            try {
                assertEquals("not_delivered", sendUntilRefused(ann, "into the void").getString("code"));
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

    /** The first message after Redis went down may still be on its way out when the client notices: retry. */
    private static JsonObject sendUntilRefused(TestSocket member, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            member.send(text);
            var event = member.nextJsonWithin(Duration.ofSeconds(5));
            if (event.isPresent() && event.get().getString("type").equals("error")) {
                return event.get();
            }
        }
        throw new AssertionError("no error within 30 s of Redis going down");
    }

    /**
     * Lettuce reconnects and re-subscribes by itself, with a growing delay: keep trying for a while.
     * A message published before the node's subscription is back is not seen live (filling that gap
     * from the stream is still to come), so an attempt that brings nothing is simply repeated.
     */
    private static String sendUntilDelivered(TestSocket member, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            member.send(text);
            var event = member.nextJsonWithin(Duration.ofSeconds(3));
            if (event.isPresent() && event.get().getString("type").equals("message")) {
                return event.get().getString("text");
            }
        }
        throw new AssertionError("no message delivered within 60 s of Redis's return");
    }
}
