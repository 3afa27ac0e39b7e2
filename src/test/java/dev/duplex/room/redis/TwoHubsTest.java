package dev.duplex.room.redis;

import static dev.duplex.room.RoomHubContract.welcomed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Ids;
import dev.duplex.room.Member;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.RoomHub;
import dev.duplex.room.RoomHub.RoomSnapshot;
import dev.duplex.testing.Inbox;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backend's calls, acks and typing across two Redis hubs on one real Redis: what the HTTP API
 * and a client that reconnects to another node rely on.
 */
class TwoHubsTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final Duration QUIET = Duration.ofMillis(300);

    private final RoomHub a = hub();
    private final RoomHub b = hub();
    private final String room = Rooms.newRoom("two-hubs");

    private static RoomHub hub() {
        return RedisRoomHub.start(REDIS.url(), new JsonCodec(), Clock.systemUTC(), 50, 100, new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static Member connectionOf(String user, String name) {
        return new Member(name + "-" + Ids.newConnectionId(), name, user);
    }

    @Test
    void aPostOnOneNodeReachesAMemberOnTheOtherAndIsKept() throws Exception {
        Inbox bob = welcomed(b, room, connectionOf("u-bob", "bob"));
        ChatMessage posted = a.post(room, new Member(Member.API_ID, "bot", "u-bot"), "hello from the API")
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        JsonObject received = bob.next("message");
        assertEquals(posted.id(), received.getString("id"));
        assertEquals("u-bot", received.getJsonObject("from").getString("user"));
        assertEquals(List.of(posted.id()), b.messages(room, null, 10).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .stream().map(ChatMessage::id).toList());
    }

    @Test
    void removeOnOneNodeClosesTheUsersMemberOnTheOtherAndItsLeaveIsAnnounced() throws Exception {
        Inbox bob = welcomed(b, room, connectionOf("u-bob", "bob"));
        Inbox ana = welcomed(a, room, connectionOf("u-ana", "ana"));
        bob.next("join");
        b.remove(room, "u-ana").toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(ana.awaitRemoved());
        assertEquals("u-ana", bob.next("leave").getJsonObject("member").getString("user"));
    }

    @Test
    void describeOnOneNodeListsTheMembersOfBoth() throws Exception {
        welcomed(a, room, connectionOf("u-ana", "ana"));
        welcomed(b, room, connectionOf("u-bob", "bob"));
        RoomSnapshot snapshot = b.describe(room).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(2, snapshot.memberCount());
        assertEquals(List.of("u-ana", "u-bob"), snapshot.members().stream().map(Member::user).sorted().toList());
    }

    @Test
    void aUsersRepeatedClientIdOnTheOtherNodeGetsTheFirstIdAndReachesNobody() throws Exception {
        Inbox bob = welcomed(b, room, connectionOf("u-bob", "bob"));
        Member onA = connectionOf("u-ana", "ana");
        Inbox anaOnA = welcomed(a, room, onA);
        bob.next("join");
        a.publish(room, onA, "once", "c-1");
        String id = anaOnA.next("message").getString("id");
        assertEquals(id, anaOnA.next("ack").getString("id"));
        assertEquals(id, bob.next("message").getString("id"));
        Member onB = connectionOf("u-ana", "ana"); // the same user, reconnected to the other node
        Inbox anaOnB = welcomed(b, room, onB);
        b.publish(room, onB, "once", "c-1");
        assertEquals(id, anaOnB.next("ack").getString("id"));
        anaOnB.assertNothingWithin(QUIET);
        bob.next("join");
        bob.assertNothingWithin(QUIET);
    }

    @Test
    void typingOnOneNodeReachesTheOthersOnBoth() throws Exception {
        Member ana = connectionOf("u-ana", "ana");
        Inbox anas = welcomed(a, room, ana);
        Inbox bob = welcomed(b, room, connectionOf("u-bob", "bob"));
        anas.next("join");
        a.typing(room, ana);
        assertEquals("u-ana", bob.next("typing").getJsonObject("member").getString("user"));
        anas.assertNothingWithin(QUIET);
    }
}
