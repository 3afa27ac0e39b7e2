package dev.duplex.room;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-connection rate limit on rooms, at its defaults (20 messages/s, burst 40). */
class RoomRateLimitTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    private static TestSocket entered(String room, String name) throws Exception {
        return Rooms.entered(SERVER.base(), room, name);
    }

    private static String newRoom() {
        return Rooms.newRoom("rate");
    }

    @Test
    void aRefusedMessageWithAClientIdIsNamedByIt() throws Exception {
        try (TestSocket alice = entered(newRoom(), "alice")) {
            for (int i = 0; i < 60; i++) { // 40 at once are allowed: some of these must be refused
                alice.send("{\"type\":\"message\",\"text\":\"m\",\"client_id\":\"c" + i + "\"}");
            }
            JsonObject refused = alice.awaitEvent("error", TestSocket.WAIT);
            assertEquals("rate_limited", refused.getString("code"));
            assertTrue(refused.getString("client_id").startsWith("c"), refused::toString);
        }
    }

    @Test
    void aMessageOverTheRateIsNotDeliveredAndOnlyItsSenderIsTold() throws Exception {
        String room = newRoom();
        try (TestSocket alice = entered(room, "alice"); TestSocket bob = entered(room, "bob")) {
            alice.nextEvent("join");
            int sent = 60; // 40 at once are allowed, then one every 50 ms: some of these must be refused
            for (int i = 0; i < sent; i++) {
                alice.send("m" + i);
            }
            alice.send("{\"type\":\"message\",\"text\":\"marker\"}"); // refused or not, it ends the count
            int delivered = 0;
            int refused = 0;
            while (delivered + refused < sent + 1) {
                JsonObject event = alice.nextJson();
                switch (event.getString("type")) {
                    case "message" -> delivered++;
                    case "error" -> {
                        assertEquals("rate_limited", event.getString("code"));
                        refused++;
                    }
                    default -> throw new AssertionError("unexpected " + event);
                }
            }
            assertTrue(refused > 0, "nothing was refused");
            for (int i = 0; i < delivered; i++) {
                assertEquals("message", bob.nextJson().getString("type"), "bob gets exactly what was delivered");
            }
            bob.assertNothingWithin(Duration.ofMillis(300));
        }
    }

    @Test
    void aClientThatKeepsFloodingIsClosedWith1008AndLeavesTheRoom() throws Exception {
        String room = newRoom();
        try (TestSocket bob = entered(room, "bob"); TestSocket flooder = entered(room, "flooder")) {
            bob.nextEvent("join");
            // The burst and most of the strikes at once: delivered or refused, not yet cut off.
            int atOnce = 100;
            for (int i = 0; i < atOnce; i++) {
                flooder.send("flood " + i);
            }
            for (int i = 0; i < atOnce; i++) {
                flooder.nextJson();
            }
            // Then one at a time, each once the one before is answered, so that nothing is in flight
            // when the close comes: a message reaching a server that has hung up resets the
            // connection, and the close frame not yet read is lost with it (1006 instead of 1008).
            for (int i = atOnce; i < 1_000 && !flooder.closeArrived(); i++) {
                flooder.send("flood " + i);
                while (!flooder.closeArrived() && flooder.nextJsonWithin(Duration.ofMillis(20)).isEmpty()) {
                    // neither the answer nor the close yet
                }
            }
            CloseReason close = flooder.awaitClose();
            assertEquals(1008, close.getCloseCode().getCode(), close::toString);
            assertTrue(close.getReasonPhrase().startsWith("flooding"), close::toString);
            JsonObject event;
            do {
                event = bob.nextJson();
            } while (event.getString("type").equals("message"));
            assertEquals("leave", event.getString("type"), event::toString);
        }
    }
}
