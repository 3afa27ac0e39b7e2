package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two duplex nodes sharing their rooms through one real Redis server. */
class TwoNodesTest {

    @RegisterExtension
    @Order(1)
    static final RedisServer REDIS = new RedisServer();

    @RegisterExtension
    @Order(2)
    static final InJvmServer A = new InJvmServer(REDIS.setting());

    @RegisterExtension
    @Order(3)
    static final InJvmServer B = new InJvmServer(REDIS.setting());

    private static TestSocket enter(InJvmServer node, String room, String name) throws Exception {
        return Rooms.enter(node.base(), room, name);
    }

    private static TestSocket entered(InJvmServer node, String room, String name) throws Exception {
        return Rooms.entered(node.base(), room, name);
    }

    private static String newRoom() {
        return Rooms.newRoom("two");
    }

    @Test
    void membersOnTwoNodesExchangeMessagesBothWays() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(A, room, "ann"); TestSocket bob = entered(B, room, "bob")) {
            assertEquals("bob", ann.nextEvent("join").getJsonObject("member").getString("name"));
            ann.send("from A");
            assertEquals("from A", bob.nextEvent("message").getString("text"));
            assertEquals("from A", ann.nextEvent("message").getString("text"));
            bob.send("from B");
            assertEquals("from B", ann.nextEvent("message").getString("text"));
            assertEquals("from B", bob.nextEvent("message").getString("text"));
        }
    }

    @Test
    void theWelcomeListsTheMembersOfBothNodes() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(A, room, "ann"); TestSocket bob = enter(B, room, "bob")) {
            List<String> names = bob.nextEvent("welcome").getJsonArray("members").getValuesAs(JsonObject.class)
                    .stream().map(member -> member.getString("name")).sorted().toList();
            assertEquals(List.of("ann", "bob"), names);
        }
    }

    @Test
    void aNewcomerGetsTheSameHistoryOnEitherNode() throws Exception {
        String room = newRoom();
        try (TestSocket ann = enter(A, room, "ann")) {
            ann.nextEvent("welcome");
            for (int i = 0; i < 3; i++) {
                ann.send("m" + i);
                ann.nextEvent("message");
            }
            try (TestSocket onA = enter(A, room, "cai"); TestSocket onB = enter(B, room, "dan")) {
                assertEquals(onA.nextEvent("welcome").getJsonArray("history"),
                        onB.nextEvent("welcome").getJsonArray("history"));
            }
        }
    }

    @Test
    void roomsStayApartAcrossNodes() throws Exception {
        try (TestSocket ann = entered(A, newRoom(), "ann"); TestSocket bob = entered(B, newRoom(), "bob")) {
            ann.send("only for my room");
            ann.nextEvent("message");
            bob.assertNothingWithin(java.time.Duration.ofMillis(500));
        }
    }

    @Test
    void everyMemberOnEitherNodeSeesOneOrder() throws Exception {
        String room = newRoom();
        try (TestSocket ann = entered(A, room, "ann"); TestSocket bob = entered(B, room, "bob");
                TestSocket cai = entered(A, room, "cai"); TestSocket dan = entered(B, room, "dan")) {
            List<TestSocket> members = List.of(ann, bob, cai, dan);
            Thread sendsOnB = new Thread(() -> {
                try {
                    for (int i = 0; i < 30; i++) { // within the rate limit's burst of 40
                        bob.send("b" + i);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sendsOnB.start();
            for (int i = 0; i < 30; i++) { // within the rate limit's burst of 40
                ann.send("a" + i);
            }
            sendsOnB.join();
            List<List<String>> seen = new ArrayList<>();
            for (TestSocket member : members) {
                List<String> texts = new ArrayList<>();
                while (texts.size() < 60) {
                    JsonObject event = member.nextJson();
                    if (event.getString("type").equals("message")) {
                        texts.add(event.getString("text"));
                    }
                }
                seen.add(texts);
            }
            for (List<String> order : seen) {
                assertEquals(seen.get(0), order);
            }
        }
    }
}
