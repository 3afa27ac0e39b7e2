package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Presence in rooms bigger than {@code duplex.room.presence-limit}, here 2: joins and leaves are
 * announced while the room, counting that member, has at most 2 members; a welcome lists at most 2
 * members and counts them all. Members enter on {@link #first()} and {@link #second()}, the same
 * node or two.
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
    default void aJoinPastTheLimitIsNotAnnounced() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob")) {
            ann.nextEvent("join");
            try (TestSocket cai = entered(second(), room, "cai")) {
                cai.send("cai is here");
                // Events reach a member in the order they happened: a join would come before this message.
                assertEquals("cai is here", ann.nextEvent("message").getString("text"));
                assertEquals("cai is here", bob.nextEvent("message").getString("text"));
            }
        }
    }

    @Test
    default void theWelcomeOfARoomPastTheLimitListsAsManyAsTheLimitAndCountsEveryone() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob");
                TestSocket cai = entered(first(), room, "cai"); TestSocket dan = Rooms.enter(second().base(), room, "dan")) {
            JsonObject welcome = dan.nextEvent("welcome");
            assertEquals(2, welcome.getJsonArray("members").size(), welcome::toString);
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
    default void aLeaveFromARoomPastTheLimitIsNotAnnouncedButOneWithinItIs() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(first(), room, "ann"); TestSocket bob = entered(second(), room, "bob")) {
            ann.nextEvent("join");
            TestSocket cai = entered(first(), room, "cai");
            long membersWithCai = first().duplex().stats().members();
            cai.close(); // the room counting cai has 3 members
            awaitMembers(first(), membersWithCai - 1);
            bob.close(); // the room counting bob has 2
            JsonObject left = ann.nextEvent("leave");
            assertEquals("bob", left.getJsonObject("member").getString("name"), "cai's leave was not to be announced");
        }
    }

    private static void awaitMembers(InJvmServer node, long members) throws InterruptedException {
        long deadline = System.nanoTime() + TestSocket.WAIT.toNanos();
        while (node.duplex().stats().members() != members) {
            assertTrue(System.nanoTime() < deadline, "members on the node never became " + members);
            Thread.sleep(10);
        }
    }
}
