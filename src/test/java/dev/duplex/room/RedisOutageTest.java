package dev.duplex.room;

import static dev.duplex.testing.Rooms.entered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.PrometheusText;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.Urls;
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
    static final InJvmServer SERVER = new InJvmServer(REDIS.setting());

    @Test
    void whileRedisIsDownMembersOfOneNodeKeepChattingNewcomersAreAskedToRetryAndNothingComesTwiceAfterwards()
            throws Exception {
        String room = Rooms.newRoom("outage");
        try (TestSocket ann = entered(SERVER.base(), room, "ann"); TestSocket bob = entered(SERVER.base(), room, "bob")) {
            ann.nextEvent("join");
            REDIS.stop();
            try {
                awaitGroupLayer(false);
                ann.send("while down");
                JsonObject local = bob.nextEvent("message");
                assertEquals("while down", local.getString("text"));
                assertTrue(local.getString("id").startsWith("local-"), local::toString);
                try (TestSocket newcomer = Rooms.enter(SERVER.base(), room, "cat")) {
                    CloseReason close = newcomer.awaitClose();
                    assertEquals(1013, close.getCloseCode().getCode(), close::toString);
                }
            } finally {
                REDIS.start();
            }
            awaitGroupLayer(true);
            ann.send("back");
            assertEquals("while down", ann.nextEvent("message").getString("text"));
            assertEquals("back", ann.nextEvent("message").getString("text"));
            assertEquals("back", bob.nextEvent("message").getString("text"));
            bob.assertNothingWithin(Duration.ofMillis(500));
        }
    }

    @Test
    void aMessageWithAClientIdSentWhileRedisIsDownIsAcknowledgedOnceRedisHasIt() throws Exception {
        try (TestSocket ann = entered(SERVER.base(), Rooms.newRoom("outage"), "ann")) {
            REDIS.stop();
            try {
                awaitGroupLayer(false);
                ann.send("{\"type\":\"message\",\"text\":\"while down\",\"client_id\":\"c-1\"}");
                assertTrue(ann.nextEvent("message").getString("id").startsWith("local-"));
                ann.assertNothingWithin(Duration.ofMillis(300)); // no ack: Redis has not given it its place
            } finally {
                REDIS.start();
            }
            awaitGroupLayer(true);
            JsonObject ack = ann.awaitEvent("ack", Duration.ofSeconds(30));
            assertEquals("c-1", ack.getString("client_id"));
            assertTrue(!ack.getString("id").startsWith("local-"), ack::toString);
        }
    }

    @Test
    void healthSaysWhetherRedisCanBeReached() throws Exception {
        assertEquals(new RoomHub.Status("redis", true), SERVER.duplex().health().groupLayer());
        REDIS.stop();
        try {
            awaitGroupLayer(false);
        } finally {
            REDIS.start();
        }
        awaitGroupLayer(true);
    }

    @Test
    void theRedisFiguresFollowAnOutageAndCountOneReconnect() throws Exception {
        Map<String, Double> before = PrometheusText.samples(SERVER.duplex().metrics());
        assertEquals(1.0, before.get("duplex_redis_connected"));
        REDIS.stop();
        try {
            awaitGroupLayer(false);
            assertEquals(0.0, PrometheusText.samples(SERVER.duplex().metrics()).get("duplex_redis_connected"));
        } finally {
            REDIS.start();
        }
        awaitGroupLayer(true);
        Map<String, Double> after = PrometheusText.samples(SERVER.duplex().metrics());
        assertEquals(1.0, after.get("duplex_redis_connected"));
        assertEquals(1.0, after.get("duplex_redis_reconnects_total") - before.get("duplex_redis_reconnects_total"));
    }

    @Test
    void eachMessageIsOnePublishToRedisAndOneBroadcastSample() throws Exception {
        String published = "duplex_redis_publish_seconds_count";
        String broadcast = PrometheusText.series("duplex_broadcast_seconds_count", "layer", "redis");
        Map<String, Double> before = PrometheusText.samples(SERVER.duplex().metrics());
        try (TestSocket ann = entered(SERVER.base(), Rooms.newRoom("timed"), "ann")) {
            ann.send("one");
            ann.nextEvent("message");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Double> after = PrometheusText.samples(SERVER.duplex().metrics());
        while (after.get(broadcast) - before.get(broadcast) < 1) { // recorded just after the hand-off
            assertTrue(System.nanoTime() < deadline, "no broadcast sample within 10 s");
            Thread.sleep(20);
            after = PrometheusText.samples(SERVER.duplex().metrics());
        }
        assertEquals(1.0, after.get(published) - before.get(published));
        assertEquals(1.0, after.get(broadcast) - before.get(broadcast));
    }

    @Test
    void aMemberThatLeavesWhileRedisIsSlowIsNotListedAfterwardsAndTheOthersAreTold() throws Exception {
        String room = Rooms.newRoom("blip");
        try (TestSocket ann = entered(SERVER.base(), room, "ann")) {
            TestSocket bob = entered(SERVER.base(), room, "bob");
            ann.nextEvent("join");
            REDIS.pause(Duration.ofSeconds(4)); // longer than the 2 s command timeout
            bob.close();
            assertEquals("bob", ann.awaitEvent("leave", Duration.ofSeconds(30)).getJsonObject("member").getString("name"));
            try (TestSocket cat = Rooms.enter(SERVER.base(), room, "cat")) {
                var names = cat.nextEvent("welcome").getJsonArray("members").getValuesAs(JsonObject.class).stream()
                        .map(member -> member.getString("name")).sorted().toList();
                assertEquals(java.util.List.of("ann", "cat"), names);
            }
        }
    }

    @Test
    void aSinceRedisRefusesMakesNoDifferenceToTheOthers() throws Exception {
        String room = Rooms.newRoom("bad-since");
        try (TestSocket ann = entered(SERVER.base(), room, "ann");
                TestSocket odd = TestSocket.connect(Urls.ws(SERVER.base(), "room/" + room + "?name=odd&since=1--5"))) {
            odd.nextEvent("resync");
            odd.nextEvent("welcome");
            assertTrue(SERVER.duplex().health().up());
            ann.send("still shared");
            assertEquals("still shared", odd.awaitEvent("message", Duration.ofSeconds(5)).getString("text"));
        }
    }

    /** Lettuce notices a lost connection at once, and reconnects with a growing delay. */
    private static void awaitGroupLayer(boolean up) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (SERVER.duplex().health().up() != up) {
            assertTrue(System.nanoTime() < deadline, "group layer not " + (up ? "up" : "down") + " within 60 s");
            Thread.sleep(50);
        }
    }
}
