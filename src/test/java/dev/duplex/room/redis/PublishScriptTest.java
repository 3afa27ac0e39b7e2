package dev.duplex.room.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** publish_message.lua on a real redis-server: each message of a node enters a room once, whatever the order of tries. */
class PublishScriptTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final RedisLink link = new RedisLink(REDIS.url());
    private final RoomStore store = new RoomStore(link, "node-a", 50);
    private final RoomKeys room = new RoomKeys(Rooms.newRoom("script"));

    PublishScriptTest() {
        link.connect(new RedisLink.Events() {
            @Override
            public void connected() {
            }

            @Override
            public void lost() {
            }

            @Override
            public void message(String channel, String frame, long arrivedNanos) {
            }

            @Override
            public void subscribed(String channel) {
            }
        });
    }

    @AfterEach
    void close() {
        link.close();
    }

    private String append(long sequence) throws Exception {
        RoomStore.Appended appended = append(sequence, null);
        return appended == null ? null : appended.id();
    }

    private RoomStore.Appended append(long sequence, String clientKey) throws Exception {
        return store.append(room, "{\"type\":\"message\",\"text\":\"" + sequence + "\"}", sequence, clientKey)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRepeatedClientIdAppendsNothingAndAnswersTheFirstId() throws Exception {
        String clientKey = room.acked("u:ana", "c-1");
        RoomStore.Appended first = append(1, clientKey);
        assertEquals(new RoomStore.Appended(first.id(), true), append(2, clientKey));
        assertEquals(1, link.commands().xlen(room.messages()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aClientIdIsRememberedForTenMinutes() throws Exception {
        String clientKey = room.acked("u:ana", "c-1");
        append(1, clientKey);
        long ttl = link.commands().ttl(clientKey).get(5, TimeUnit.SECONDS);
        assertTrue(ttl > 590 && ttl <= 600, "ttl " + ttl);
    }

    @Test
    void aMessageSentAgainAfterADoubtStillLearnsTheIdOfItsClientId() throws Exception {
        String clientKey = room.acked("u:ana", "c-1");
        RoomStore.Appended first = append(1, clientKey);
        assertEquals(new RoomStore.Appended(first.id(), true), append(1, clientKey));
    }

    @Test
    void aMessageSentAgainEntersOnce() throws Exception {
        assertNotNull(append(1));
        assertNull(append(1));
    }

    @Test
    void aMessageWhoseFirstTryFailedEntersAfterALaterOneOfItsNode() throws Exception {
        assertNotNull(append(2));
        assertNotNull(append(1), "known by its own number, not by the highest one seen");
        assertNull(append(2));
        assertEquals(2, link.commands().xlen(room.messages()).get(5, TimeUnit.SECONDS));
    }
}
