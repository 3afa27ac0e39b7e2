package dev.duplex.room;

import static dev.duplex.room.RoomHubContract.QUIET;
import static dev.duplex.room.RoomHubContract.join;
import static dev.duplex.room.RoomHubContract.welcomed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.RoomHub.RoomSnapshot;
import dev.duplex.testing.Inbox;
import dev.duplex.testing.Rooms;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomHub} does for the application's backend: post, describe, messages, remove
 * (part of {@link RoomHubContract}, which its test classes implement).
 */
public interface RoomHubBackendContract {

    RoomHub newHub(int historySize, int presenceLimit);

    private static Member member(String name) {
        return new Member(name + "-" + Ids.newConnectionId(), name);
    }

    private static Member connectionOf(String user, String name) {
        return new Member(name + "-" + Ids.newConnectionId(), name, user);
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).toList();
    }

    /** Sends each text as {@code from} and waits until it came back. */
    private static void say(RoomHub hub, String room, Member from, Inbox inbox, String... texts) throws Exception {
        for (String text : texts) {
            hub.publish(room, from, text, null);
            inbox.next("message");
        }
    }

    @Test
    default void aPostReachesEveryMemberFromTheApiAndCompletesWithItsIdAndTime() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        Inbox alice = welcomed(hub, room, member("alice"));
        Inbox bob = welcomed(hub, room, member("bob"));
        alice.next("join");
        ChatMessage posted = done(hub.post(room, new Member(Member.API_ID, "Announcer", "u-bot"), "maintenance at 5"));
        for (Inbox member : List.of(alice, bob)) {
            JsonObject message = member.next("message");
            assertEquals(posted.id(), message.getString("id"));
            assertEquals("maintenance at 5", message.getString("text"));
            assertEquals(RoomEvent.TIME.format(posted.time()), message.getString("time"));
            JsonObject from = message.getJsonObject("from");
            assertEquals(List.of(Member.API_ID, "Announcer", "u-bot"),
                    List.of(from.getString("id"), from.getString("name"), from.getString("user")));
        }
        bob.assertNothingWithin(QUIET);
    }

    @Test
    default void aPostIsKeptInTheHistory() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        Inbox alice = welcomed(hub, room, member("alice"));
        ChatMessage posted = done(hub.post(room, new Member(Member.API_ID, "bot", null), "kept"));
        alice.next("message");
        assertEquals(List.of(posted.id()), done(hub.messages(room, null, 10)).stream().map(ChatMessage::id).toList());
        JsonObject welcome = join(hub, room, member("bob")).next("welcome");
        assertEquals("kept", welcome.getJsonArray("history").getJsonObject(0).getString("text"));
    }

    @Test
    default void describeCountsAndListsTheMembers() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        welcomed(hub, room, connectionOf("u-alice", "alice"));
        welcomed(hub, room, member("bob"));
        RoomSnapshot snapshot = done(hub.describe(room));
        assertEquals(2, snapshot.memberCount());
        assertEquals(List.of("alice", "bob"), snapshot.members().stream().map(Member::name).sorted().toList());
        assertTrue(snapshot.members().stream().anyMatch(member -> "u-alice".equals(member.user())), snapshot::toString);
    }

    @Test
    default void describeListsAtMostThePresenceLimitButCountsEveryone() throws Exception {
        RoomHub hub = newHub(3, 2);
        String room = Rooms.newRoom("api");
        for (String name : List.of("alice", "bob", "carol")) {
            join(hub, room, member(name)).next("welcome");
        }
        RoomSnapshot snapshot = done(hub.describe(room));
        assertEquals(3, snapshot.memberCount());
        assertEquals(2, snapshot.members().size());
    }

    @Test
    default void aRoomNobodyIsInHasNoMembers() throws Exception {
        assertEquals(new RoomSnapshot(0, List.of()), done(newHub(3, 100).describe(Rooms.newRoom("api"))));
    }

    @Test
    default void messagesAreTheNewestKeptOnesOldestFirst() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        Member alice = member("alice");
        Inbox inbox = welcomed(hub, room, alice);
        say(hub, room, alice, inbox, "1", "2", "3", "4", "5");
        assertEquals(List.of("3", "4", "5"), texts(done(hub.messages(room, null, 10))));
        assertEquals(List.of("4", "5"), texts(done(hub.messages(room, null, 2))));
    }

    @Test
    default void messagesSinceAreTheFirstOnesAfterIt() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        Member alice = member("alice");
        Inbox inbox = welcomed(hub, room, alice);
        hub.publish(room, alice, "1", null);
        String first = inbox.next("message").getString("id");
        say(hub, room, alice, inbox, "2", "3");
        assertEquals(List.of("2"), texts(done(hub.messages(room, first, 1))));
        assertEquals(List.of("2", "3"), texts(done(hub.messages(room, first, 10))));
    }

    @Test
    default void messagesSinceAnIdTheRoomDoesNotKeepFailAsABadQuery() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        Member alice = member("alice");
        say(hub, room, alice, welcomed(hub, room, alice), "1");
        for (String since : List.of("abc", "1--5", "0-1", "local-x-1")) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> done(hub.messages(room, since, 10)));
            assertInstanceOf(IllegalArgumentException.class, failed.getCause(), since);
        }
    }

    @Test
    default void removeClosesEveryConnectionOfTheUserAndTheOthersSeeThemLeave() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        Inbox bob = welcomed(hub, room, member("bob"));
        Inbox onPhone = welcomed(hub, room, connectionOf("u-ana", "ana"));
        Inbox onLaptop = welcomed(hub, room, connectionOf("u-ana", "ana"));
        bob.next("join");
        bob.next("join");
        done(hub.remove(room, "u-ana"));
        assertTrue(onPhone.awaitRemoved());
        assertTrue(onLaptop.awaitRemoved());
        assertEquals("u-ana", bob.next("leave").getJsonObject("member").getString("user"));
        assertEquals("u-ana", bob.next("leave").getJsonObject("member").getString("user"));
        assertEquals(1, done(hub.describe(room)).memberCount());
    }

    @Test
    default void removeLeavesTheOtherUsersInTheRoom() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("api");
        Inbox bob = welcomed(hub, room, connectionOf("u-bob", "bob"));
        Inbox ana = welcomed(hub, room, connectionOf("u-ana", "ana"));
        done(hub.remove(room, "u-ana"));
        assertTrue(ana.awaitRemoved());
        bob.next("join");
        bob.next("leave");
        bob.assertNothingWithin(QUIET);
        assertEquals(false, bob.wasRemoved());
    }
}
