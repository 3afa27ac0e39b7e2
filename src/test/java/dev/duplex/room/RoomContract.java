package dev.duplex.room;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code /room/{group}} does on any server that runs duplex. Each test uses rooms of its own. */
public interface RoomContract extends RoomCommandsContract {

    String ISO_UTC_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Override
    URI base();

    private TestSocket enter(String room, String name) throws Exception {
        return Rooms.enter(base(), room, name);
    }

    /** Enters as a client coming back, which has the messages up to {@code since}. */
    private TestSocket comeBack(String room, String name, String since) throws Exception {
        return TestSocket.connect(ws(base(), "room/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)));
    }

    /** Enters and reads the welcome, so the test starts from a settled room. */
    private TestSocket entered(String room, String name) throws Exception {
        return Rooms.entered(base(), room, name);
    }

    private static String newRoom() {
        return Rooms.newRoom("r");
    }

    @Test
    default void welcomeNamesTheRoomTheMemberAndAllMembers() throws Exception {
        String room = newRoom();
        try (TestSocket alice = entered(room, "alice"); TestSocket bob = enter(room, "bob")) {
            JsonObject welcome = bob.nextEvent("welcome");
            assertEquals(room, welcome.getString("room"));
            assertEquals("bob", welcome.getString("name"));
            assertTrue(welcome.getString("id").matches("[0-9a-f]{12}"), welcome::toString);
            List<String> names = welcome.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                    .map(member -> member.getString("name")).toList();
            assertEquals(List.of("alice", "bob"), names);
            assertEquals(0, welcome.getJsonArray("history").size());
        }
    }

    @Test
    default void othersAreToldWhenAMemberJoinsAndLeaves() throws Exception {
        String room = newRoom();
        try (TestSocket alice = entered(room, "alice")) {
            TestSocket bob = enter(room, "bob");
            String bobId = bob.nextEvent("welcome").getString("id");
            JsonObject joined = alice.nextEvent("join");
            assertEquals(room, joined.getString("room"));
            assertEquals(bobId, joined.getJsonObject("member").getString("id"));
            assertEquals("bob", joined.getJsonObject("member").getString("name"));
            assertTrue(joined.getString("time").matches(ISO_UTC_MILLIS), joined::toString);

            bob.close();
            JsonObject left = alice.nextEvent("leave");
            assertEquals(bobId, left.getJsonObject("member").getString("id"));
            assertTrue(left.getString("time").matches(ISO_UTC_MILLIS), left::toString);
        }
    }

    @Test
    default void messageReachesEveryMemberOfItsRoomSenderIncludedAndNoOneElse() throws Exception {
        String lobby = newRoom();
        String kitchen = newRoom();
        try (TestSocket alice = entered(lobby, "alice"); TestSocket bob = entered(lobby, "bob");
                TestSocket carol = entered(kitchen, "carol")) {
            alice.nextEvent("join");
            alice.send("hello lobby");
            for (TestSocket member : List.of(alice, bob)) {
                JsonObject message = member.nextEvent("message");
                assertEquals(lobby, message.getString("room"));
                assertEquals("hello lobby", message.getString("text"));
                assertEquals("alice", message.getJsonObject("from").getString("name"));
                assertTrue(message.getString("time").matches(ISO_UTC_MILLIS), message::toString);
            }
            carol.send("hello kitchen");
            // Carol's next event is her own message: nothing from the lobby came in between.
            assertEquals("hello kitchen", carol.nextEvent("message").getString("text"));
            alice.assertNothingWithin(Duration.ofMillis(300));
            bob.assertNothingWithin(Duration.ofMillis(300));
        }
    }

    @Test
    default void welcomeCarriesTheRoomsHistoryOldestFirst() throws Exception {
        String room = newRoom();
        try (TestSocket alice = entered(room, "alice")) {
            for (String text : List.of("one", "two", "three")) {
                alice.send(text);
                alice.nextEvent("message");
            }
            try (TestSocket bob = enter(room, "bob")) {
                List<String> history = bob.nextEvent("welcome").getJsonArray("history")
                        .getValuesAs(JsonObject.class).stream().map(message -> message.getString("text")).toList();
                assertEquals(List.of("one", "two", "three"), history);
            }
        }
    }

    @Test
    default void allMembersSeeTheRoomsMessagesInOneOrder() throws Exception {
        String room = newRoom();
        int perSender = 40;
        try (TestSocket alice = entered(room, "alice"); TestSocket bob = entered(room, "bob");
                TestSocket carol = entered(room, "carol")) {
            alice.nextEvent("join");
            alice.nextEvent("join");
            bob.nextEvent("join");
            for (int i = 0; i < perSender; i++) {
                alice.send("a" + i);
                bob.send("b" + i);
            }
            List<String> seenByAlice = messageIds(alice, 2 * perSender);
            assertEquals(seenByAlice, messageIds(bob, 2 * perSender));
            assertEquals(seenByAlice, messageIds(carol, 2 * perSender));
            assertEquals(2 * perSender, seenByAlice.stream().distinct().count(), "message ids are unique");
        }
    }

    private static List<String> messageIds(TestSocket member, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(member.nextEvent("message").getString("id"));
        }
        return ids;
    }

    @Test
    default void jsonMessageCommandSendsItsText() throws Exception {
        try (TestSocket alice = entered(newRoom(), "alice")) {
            alice.send("{\"type\":\"message\",\"text\":\"from a command\"}");
            assertEquals("from a command", alice.nextEvent("message").getString("text"));
        }
    }

    @Test
    default void invalidCommandGetsAnErrorAndTheConnectionStaysOpen() throws Exception {
        try (TestSocket alice = entered(newRoom(), "alice")) {
            alice.send("{\"type\":\"shout\",\"text\":\"hi\"}");
            JsonObject unknown = alice.nextEvent("error");
            assertEquals("unknown_type", unknown.getString("code"));
            assertTrue(!unknown.getString("reason").isBlank());

            alice.send("{\"type\":\"message\"}");
            assertEquals("missing_text", alice.nextEvent("error").getString("code"));

            alice.send("still here");
            assertEquals("still here", alice.nextEvent("message").getString("text"));
        }
    }

    @Test
    default void textThatDoesNotStartWithABraceIsAChatMessageVerbatim() throws Exception {
        try (TestSocket alice = entered(newRoom(), "alice")) {
            for (String text : List.of("hi {there}", "[1,2]", "\"quoted\"", "<img src=x onerror=alert(1)>")) {
                alice.send(text);
                assertEquals(text, alice.nextEvent("message").getString("text"));
            }
        }
    }

    @Test
    default void roomAndNicknameMayBeChinese() throws Exception {
        try (TestSocket member = enter("聊天室-1", "小明")) {
            JsonObject welcome = member.nextEvent("welcome");
            assertEquals("聊天室-1", welcome.getString("room"));
            assertEquals("小明", welcome.getString("name"));
        }
    }

    @Test
    default void memberWithoutANameIsAGuest() throws Exception {
        try (TestSocket member = enter(newRoom(), null)) {
            String name = member.nextEvent("welcome").getString("name");
            assertTrue(name.matches("guest-[0-9a-f]{4}"), name);
        }
    }

    @Test
    default void everyConnectionHasItsOwnId() throws Exception {
        String room = newRoom();
        try (TestSocket first = enter(room, "twin"); TestSocket second = enter(room, "twin")) {
            assertNotEquals(first.nextEvent("welcome").getString("id"), second.nextEvent("welcome").getString("id"));
        }
    }

    @Test
    default void invalidRoomNameClosesWith1008AndTheRule() throws Exception {
        for (String room : List.of("two words", "star*", "plus+sign", "x".repeat(65))) {
            try (TestSocket socket = enter(room, "alice")) {
                assertPolicyViolation(socket.awaitClose(), "room name");
            }
        }
    }

    @Test
    default void invalidNicknameClosesWith1008AndTheRule() throws Exception {
        for (String name : List.of("x".repeat(33), "bell\u0007")) {
            try (TestSocket socket = enter(newRoom(), name)) {
                assertPolicyViolation(socket.awaitClose(), "name");
            }
        }
    }

    @Test
    default void binaryMessageClosesWith1003() throws Exception {
        try (TestSocket alice = entered(newRoom(), "alice")) {
            alice.send(new byte[] {1});
            assertEquals(1003, alice.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    default void brokenJsonInBracesGetsAnErrorAndTheConnectionStays() throws Exception {
        try (TestSocket alice = entered(newRoom(), "alice")) {
            alice.send("{\"type\":\"message\",");
            alice.send("{not json}");
            assertEquals("invalid_json", alice.nextEvent("error").getString("code"));
            assertEquals("invalid_json", alice.nextEvent("error").getString("code"));
            alice.send("still here");
            assertEquals("still here", alice.nextEvent("message").getString("text"));
        }
    }

    @Test
    default void aMemberComingBackWithSinceGetsExactlyTheMessagesItMissed() throws Exception {
        String room = newRoom();
        try (TestSocket alice = entered(room, "alice")) {
            String lastSeen;
            try (TestSocket bob = entered(room, "bob")) {
                alice.nextEvent("join");
                alice.send("before");
                lastSeen = bob.nextEvent("message").getString("id");
                alice.nextEvent("message");
            }
            alice.nextEvent("leave");
            for (String text : List.of("missed 1", "missed 2")) {
                alice.send(text);
                alice.nextEvent("message");
            }
            try (TestSocket back = comeBack(room, "bob", lastSeen)) {
                List<String> history = back.nextEvent("welcome").getJsonArray("history").getValuesAs(JsonObject.class)
                        .stream().map(message -> message.getString("text")).toList();
                assertEquals(List.of("missed 1", "missed 2"), history);
                alice.send("live");
                assertEquals("live", back.nextEvent("message").getString("text"));
                back.assertNothingWithin(Duration.ofMillis(300));
            }
        }
    }

    @Test
    default void aMemberComingBackWithAnIdTheRoomNoLongerKeepsIsToldToResync() throws Exception {
        try (TestSocket back = comeBack(newRoom(), "bob", "0-1")) {
            JsonObject resync = back.nextEvent("resync");
            assertEquals("0-1", resync.getString("since"));
            back.nextEvent("welcome");
        }
    }

    @Test
    default void aSinceThatIsNoMessageIdIsToldToResyncAndEntersTheRoom() throws Exception {
        for (String since : List.of("1--5", "-1-0", "abc", "99999999999999999999-0", "local-x-1")) {
            try (TestSocket back = comeBack(newRoom(), "bob", since)) {
                assertEquals(since, back.nextEvent("resync").getString("since"));
                back.nextEvent("welcome");
            }
        }
    }

    private static void assertPolicyViolation(CloseReason close, String about) {
        assertEquals(1008, close.getCloseCode().getCode(), close::toString);
        assertTrue(close.getReasonPhrase().contains(about), close::toString);
    }
}
