package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The commands beyond a plain message on {@code /room/{group}}, without tokens: a message's
 * {@code client_id} and its ack, and typing. Part of {@link RoomContract}, so it runs wherever that does.
 */
public interface RoomCommandsContract {

    Duration QUIET = Duration.ofMillis(300);

    URI base();

    private static String message(String text, String clientId) {
        return "{\"type\":\"message\",\"text\":\"" + text + "\",\"client_id\":\"" + clientId + "\"}";
    }

    @Test
    default void aMessageWithAClientIdIsAcknowledgedWithItsIdAfterTheMessage() throws Exception {
        try (TestSocket alice = Rooms.entered(base(), Rooms.newRoom("ack"), "alice")) {
            alice.send(message("hi", "c-1"));
            String id = alice.nextEvent("message").getString("id");
            JsonObject ack = alice.nextEvent("ack");
            assertEquals("c-1", ack.getString("client_id"));
            assertEquals(id, ack.getString("id"));
        }
    }

    @Test
    default void aRepeatedClientIdIsAcknowledgedWithTheFirstIdAndNotDeliveredAgain() throws Exception {
        String room = Rooms.newRoom("ack");
        try (TestSocket alice = Rooms.entered(base(), room, "alice"); TestSocket bob = Rooms.entered(base(), room, "bob")) {
            alice.nextEvent("join");
            alice.send(message("hi", "c-1"));
            String id = alice.nextEvent("message").getString("id");
            alice.nextEvent("ack");
            alice.send(message("hi", "c-1"));
            assertEquals(id, alice.nextEvent("ack").getString("id"));
            assertEquals(id, bob.nextEvent("message").getString("id"));
            bob.assertNothingWithin(QUIET);
        }
    }

    /** Without a token nothing says a new connection is the same client: its client ids are its own. */
    @Test
    default void withoutATokenAReconnectedClientIsANewSender() throws Exception {
        String room = Rooms.newRoom("ack");
        try (TestSocket bob = Rooms.entered(base(), room, "bob")) {
            String firstId;
            try (TestSocket alice = Rooms.entered(base(), room, "alice")) {
                alice.send(message("hi", "c-1"));
                firstId = alice.nextEvent("message").getString("id");
            }
            try (TestSocket again = Rooms.entered(base(), room, "alice")) {
                again.send(message("hi", "c-1"));
                // The first connection's leave may come before it: past presence to the message.
                assertNotEquals(firstId, again.awaitEvent("message", TestSocket.WAIT).getString("id"));
            }
        }
    }

    @Test
    default void aClientIdThatIsNoShortStringGetsAnErrorAndTheConnectionStays() throws Exception {
        try (TestSocket alice = Rooms.entered(base(), Rooms.newRoom("ack"), "alice")) {
            alice.send("{\"type\":\"message\",\"text\":\"hi\",\"client_id\":\"" + "x".repeat(65) + "\"}");
            assertEquals(ClientCommand.INVALID_CLIENT_ID, alice.nextEvent("error").getString("code"));
            alice.send("still here");
            assertEquals("still here", alice.nextEvent("message").getString("text"));
        }
    }

    @Test
    default void typingReachesTheOthersButNotTheTypist() throws Exception {
        String room = Rooms.newRoom("typing");
        try (TestSocket alice = Rooms.entered(base(), room, "alice"); TestSocket bob = Rooms.entered(base(), room, "bob")) {
            alice.nextEvent("join");
            alice.send("{\"type\":\"typing\"}");
            JsonObject typing = bob.nextEvent("typing");
            assertEquals(room, typing.getString("room"));
            assertEquals("alice", typing.getJsonObject("member").getString("name"));
            alice.assertNothingWithin(QUIET);
        }
    }

    @Test
    default void typingMoreThanOnceASecondIsDroppedSilently() throws Exception {
        String room = Rooms.newRoom("typing");
        try (TestSocket alice = Rooms.entered(base(), room, "alice"); TestSocket bob = Rooms.entered(base(), room, "bob")) {
            alice.nextEvent("join");
            for (int i = 0; i < 5; i++) {
                alice.send("{\"type\":\"typing\"}");
            }
            alice.send("done");
            bob.nextEvent("typing");
            assertEquals("done", bob.nextEvent("message").getString("text"), "the other four were dropped");
            assertEquals("done", alice.nextEvent("message").getString("text"), "without a word to the typist");
        }
    }
}
