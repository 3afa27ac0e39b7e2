package dev.duplex.room;

import static dev.duplex.room.RoomHubContract.QUIET;
import static dev.duplex.room.RoomHubContract.join;
import static dev.duplex.room.RoomHubContract.welcomed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.duplex.testing.Inbox;
import dev.duplex.testing.Rooms;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomHub} does with a message's {@code client_id}, typing notices and a member's
 * user (part of {@link RoomHubContract}, which its test classes implement).
 */
public interface RoomHubAckContract {

    RoomHub newHub(int historySize, int presenceLimit);

    private static Member member(String name) {
        return new Member(name + "-" + Ids.newConnectionId(), name);
    }

    private static Member connectionOf(String user, String name) {
        return new Member(name + "-" + Ids.newConnectionId(), name, user);
    }

    /** A room with two members, alice and bob, both past their welcome and the join. */
    private static Inbox[] pair(RoomHub hub, String room, Member alice, Member bob) throws Exception {
        Inbox alices = welcomed(hub, room, alice);
        Inbox bobs = welcomed(hub, room, bob);
        alices.next("join");
        return new Inbox[] {alices, bobs};
    }

    @Test
    default void aMessageWithAClientIdIsAcknowledgedToItsSenderWithItsIdAfterTheMessage() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("ack");
        Member alice = member("alice");
        Inbox[] inboxes = pair(hub, room, alice, member("bob"));
        hub.publish(room, alice, "hi", "c-1");
        String id = inboxes[0].next("message").getString("id");
        JsonObject ack = inboxes[0].next("ack");
        assertEquals("c-1", ack.getString("client_id"));
        assertEquals(id, ack.getString("id"));
        assertEquals(id, inboxes[1].next("message").getString("id"));
        inboxes[1].assertNothingWithin(QUIET);
    }

    @Test
    default void aMessageWithoutAClientIdIsNotAcknowledged() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("ack");
        Member alice = member("alice");
        Inbox alices = welcomed(hub, room, alice);
        hub.publish(room, alice, "hi", null);
        alices.next("message");
        alices.assertNothingWithin(QUIET);
    }

    @Test
    default void aRepeatedClientIdIsAcknowledgedWithTheFirstIdAndDeliveredToNobody() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("ack");
        Member alice = member("alice");
        Inbox[] inboxes = pair(hub, room, alice, member("bob"));
        hub.publish(room, alice, "hi", "c-1");
        String id = inboxes[0].next("message").getString("id");
        inboxes[0].next("ack");
        hub.publish(room, alice, "hi", "c-1");
        assertEquals(id, inboxes[0].next("ack").getString("id"));
        inboxes[1].next("message");
        inboxes[0].assertNothingWithin(QUIET);
        inboxes[1].assertNothingWithin(java.time.Duration.ZERO);
    }

    @Test
    default void aUsersRepeatFromANewConnectionIsAcknowledgedWithTheFirstIdAndDeliveredToNobody() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("ack");
        Member before = connectionOf("u-ana", "ana");
        Inbox[] inboxes = pair(hub, room, before, member("bob"));
        hub.publish(room, before, "hi", "c-1");
        String id = inboxes[0].next("message").getString("id");
        inboxes[1].next("message");
        hub.leave(room, before);
        inboxes[1].next("leave");
        Member after = connectionOf("u-ana", "ana"); // the same user, reconnected
        Inbox again = welcomed(hub, room, after);
        inboxes[1].next("join");
        hub.publish(room, after, "hi", "c-1");
        assertEquals(id, again.next("ack").getString("id"));
        again.assertNothingWithin(QUIET);
        inboxes[1].assertNothingWithin(java.time.Duration.ZERO);
    }

    @Test
    default void withoutAUserTheSameClientIdFromAnotherConnectionIsAnotherMessage() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("ack");
        Member first = member("ana");
        Member second = member("ana");
        Inbox firsts = welcomed(hub, room, first);
        Inbox seconds = welcomed(hub, room, second);
        hub.publish(room, first, "one", "c-1");
        String firstId = seconds.next("message").getString("id");
        hub.publish(room, second, "two", "c-1");
        assertEquals("two", seconds.next("message").getString("text"));
        assertNotEquals(firstId, seconds.next("ack").getString("id"));
    }

    @Test
    default void theSameClientIdInAnotherRoomIsAnotherMessage() throws Exception {
        RoomHub hub = newHub(3, 100);
        Member ana = connectionOf("u-ana", "ana");
        Member anaElsewhere = connectionOf("u-ana", "ana");
        String lobby = Rooms.newRoom("ack");
        String kitchen = Rooms.newRoom("ack");
        Inbox inLobby = welcomed(hub, lobby, ana);
        Inbox inKitchen = welcomed(hub, kitchen, anaElsewhere);
        hub.publish(lobby, ana, "one", "c-1");
        inLobby.next("message");
        hub.publish(kitchen, anaElsewhere, "two", "c-1");
        assertEquals("two", inKitchen.next("message").getString("text"));
    }

    @Test
    default void typingReachesTheOthersButNotTheTypist() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("typing");
        Member alice = connectionOf("u-alice", "alice");
        Inbox[] inboxes = pair(hub, room, alice, member("bob"));
        hub.typing(room, alice);
        JsonObject typing = inboxes[1].next("typing");
        assertEquals(room, typing.getString("room"));
        assertEquals(alice.id(), typing.getJsonObject("member").getString("id"));
        assertEquals("u-alice", typing.getJsonObject("member").getString("user"));
        inboxes[0].assertNothingWithin(QUIET);
    }

    @Test
    default void typingIsNotKept() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("typing");
        Member alice = member("alice");
        Inbox[] inboxes = pair(hub, room, alice, member("bob"));
        hub.typing(room, alice);
        inboxes[1].next("typing");
        assertEquals(0, join(hub, room, member("carol")).next("welcome").getJsonArray("history").size());
    }

    @Test
    default void typingFromSomeoneNotInTheRoomIsDropped() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("typing");
        Inbox alice = welcomed(hub, room, member("alice"));
        hub.typing(room, member("mallory"));
        alice.assertNothingWithin(QUIET);
    }

    @Test
    default void everyEventThatNamesAMemberCarriesItsUser() throws Exception {
        RoomHub hub = newHub(3, 100);
        String room = Rooms.newRoom("user");
        Member alice = connectionOf("u-alice", "alice");
        Inbox alices = welcomed(hub, room, alice);
        Member bob = connectionOf("u-bob", "bob");
        JsonObject welcome = join(hub, room, bob).next("welcome");
        assertEquals("u-bob", welcome.getString("user"));
        assertEquals(java.util.Set.of("u-alice", "u-bob"), welcome.getJsonArray("members")
                .getValuesAs(JsonObject.class).stream().map(member -> member.getString("user"))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals("u-bob", alices.next("join").getJsonObject("member").getString("user"));
        hub.publish(room, alice, "hi", null);
        assertEquals("u-alice", alices.next("message").getJsonObject("from").getString("user"));
        hub.leave(room, bob);
        assertEquals("u-bob", alices.next("leave").getJsonObject("member").getString("user"));
        JsonObject history = join(hub, room, member("carol")).next("welcome").getJsonArray("history")
                .getJsonObject(0);
        assertEquals("u-alice", history.getJsonObject("from").getString("user"), "kept with the message");
    }

    @Test
    default void aMemberWithoutAUserHasNoUserField() throws Exception {
        RoomHub hub = newHub(3, 100);
        JsonObject welcome = join(hub, Rooms.newRoom("user"), member("alice")).next("welcome");
        assertEquals(false, welcome.containsKey("user"));
        assertEquals(false, welcome.getJsonArray("members").getJsonObject(0).containsKey("user"));
    }
}
