package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Presence in rooms bigger than {@code duplex.room.presence-limit}, here 2: joins and leaves are
 * announced while the room, counting that member, has at most 2 members; passing the limit and
 * coming back to it bring everyone a {@code members} snapshot; a welcome lists at most 2 members, the
 * newcomer among them, and counts them all. Members enter on {@link #first()} and
 * {@link #second()}, the same node or two.
 */
public interface PresenceLimitContract {

    Map<String, String> LIMIT_OF_TWO = Map.of("duplex.room.presence-limit", "2");

    InJvmServer first();

    InJvmServer second();

    private static TestSocket entered(InJvmServer node, String room, String name) throws Exception {
        return Rooms.entered(node.base(), room, name);
    }

    private static String newRoom() {
        return Rooms.newRoom("presence");
    }

    @Test
    default void aJoinIsAnnouncedWhileTheRoomIsWithinTheLimit() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob")) {
            assertEquals("bob", ann.nextEvent("join").getJsonObject("member").getString("name"));
        }
    }

    @Test
    default void theJoinThatTakesTheRoomPastTheLimitBringsEveryoneOneSnapshot() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob")) {
            ann.nextEvent("join");
            try (TestSocket cai = entered(second(), room, "cai")) { // its welcome first
                JsonObject snapshot = ann.nextEvent("members");
                assertEquals(room, snapshot.getString("room"));
                assertEquals(3, snapshot.getInt("member_count"), snapshot::toString);
                assertEquals(2, snapshot.getJsonArray("members").size(), snapshot::toString);
                assertEquals(3, bob.nextEvent("members").getInt("member_count"));
                assertEquals(3, cai.nextEvent("members").getInt("member_count"));
            }
        }
    }

    @Test
    default void furtherJoinsPastTheLimitAreNotAnnounced() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob");
                TestSocket cai = entered(second(), room, "cai")) {
            ann.nextEvent("join");
            ann.nextEvent("members");
            try (TestSocket dan = entered(second(), room, "dan")) {
                dan.send("dan is here");
                // Events reach a member in the order they happened: a join would come before this message.
                assertEquals("dan is here", ann.nextEvent("message").getString("text"));
            }
        }
    }

    @Test
    default void theWelcomeOfARoomPastTheLimitListsTheNewcomerAndCountsEveryone() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob");
                TestSocket cai = entered(first(), room, "cai"); TestSocket dan = Rooms.enter(second().base(), room, "dan")) {
            JsonObject welcome = dan.nextEvent("welcome");
            List<String> names = names(welcome);
            assertTrue(names.size() <= 2 && names.contains("dan"), welcome::toString);
            assertEquals(4, welcome.getInt("member_count"), welcome::toString);
        }
    }

    @Test
    default void theWelcomeOfARoomWithinTheLimitListsAndCountsEveryone() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = Rooms.enter(second().base(), room, "bob")) {
            JsonObject welcome = bob.nextEvent("welcome");
            assertEquals(2, welcome.getJsonArray("members").size(), welcome::toString);
            assertEquals(2, welcome.getInt("member_count"), welcome::toString);
        }
    }

    @Test
    default void leavesPastTheLimitAreNotAnnouncedAndTheOneBackToItBringsASnapshot() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob")) {
            ann.nextEvent("join");
            try (TestSocket cai = entered(first(), room, "cai"); TestSocket dan = entered(second(), room, "dan")) {
                ann.nextEvent("members"); // cai took the room past the limit
                dan.close();
                cai.close(); // whichever leaves first, the second brings the room back to 2
                JsonObject snapshot = ann.nextEvent("members");
                assertEquals(2, snapshot.getInt("member_count"), snapshot::toString);
                assertEquals(List.of("ann", "bob"), names(snapshot).stream().sorted().toList());
            }
        }
    }

    @Test
    default void aLeaveFromARoomBackWithinTheLimitIsAnnouncedAgain() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob")) {
            ann.nextEvent("join");
            try (TestSocket cai = entered(first(), room, "cai")) {
                ann.nextEvent("members");
                cai.close();
                ann.nextEvent("members");
                bob.close();
                assertEquals("bob", ann.nextEvent("leave").getJsonObject("member").getString("name"));
            }
        }
    }

    private static List<String> names(JsonObject event) {
        return event.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .map(member -> member.getString("name")).toList();
    }
}
