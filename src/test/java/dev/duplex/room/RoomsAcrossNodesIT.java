package dev.duplex.room;

import static dev.duplex.testing.Rooms.entered;
import static dev.duplex.testing.Rooms.newRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.LightMember;
import dev.duplex.testing.NodeProcess;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.Urls;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rooms shared by two duplex nodes through one real Redis: the built WAR on a Tomcat node (A) and
 * on a Payara Micro node (B), each a process of its own, as users run them.
 */
class RoomsAcrossNodesIT {

    @RegisterExtension
    @Order(1)
    static final RedisServer REDIS = new RedisServer();

    private static NodeProcess nodeA;
    private static NodeProcess nodeB;

    @BeforeAll
    static void startNodes() throws Exception {
        String redis = REDIS.property();
        CompletableFuture<NodeProcess> payara = CompletableFuture.supplyAsync(() -> {
            try {
                return NodeProcess.payara("node-b", redis);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        nodeA = NodeProcess.tomcat("node-a", redis);
        nodeB = payara.join();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        NodeProcess.closeAll(nodeA, nodeB);
    }

    @Test
    void membersOnTwoNodesExchangeMessagesBothWays() throws Exception {
        String room = newRoom("both-ways");
        try (TestSocket ann = entered(nodeA.base(), room, "ann"); TestSocket bob = entered(nodeB.base(), room, "bob")) {
            ann.nextEvent("join");
            ann.send("from A");
            assertEquals("from A", bob.nextEvent("message").getString("text"));
            ann.nextEvent("message");
            bob.send("from B");
            assertEquals("from B", ann.nextEvent("message").getString("text"));
        }
    }

    @Test
    void roomsStayApartAcrossNodes() throws Exception {
        try (TestSocket ann = entered(nodeA.base(), newRoom("apart"), "ann");
                TestSocket bob = entered(nodeB.base(), newRoom("apart"), "bob")) {
            ann.send("only for my room");
            assertEquals("only for my room", ann.nextEvent("message").getString("text"));
            bob.assertNothingWithin(Duration.ofMillis(500));
        }
    }

    @Test
    void theWelcomeListsTheMembersOfBothNodes() throws Exception {
        String room = newRoom("presence");
        try (TestSocket ann = entered(nodeA.base(), room, "ann"); TestSocket bob = entered(nodeB.base(), room, "bob");
                TestSocket cat = Rooms.enter(nodeA.base(), room, "cat")) {
            assertEquals(Set.of("ann", "bob", "cat"), names(cat.nextEvent("welcome")));
        }
    }

    @Test
    void theHistoryOnJoinIsTheSameFromEitherNode() throws Exception {
        String room = newRoom("history");
        try (TestSocket ann = entered(nodeA.base(), room, "ann")) {
            for (int i = 1; i <= 5; i++) {
                ann.send("line " + i);
                ann.nextEvent("message");
            }
            try (TestSocket onA = Rooms.enter(nodeA.base(), room, "a"); TestSocket onB = Rooms.enter(nodeB.base(), room, "b")) {
                JsonObject welcomeA = onA.nextEvent("welcome");
                JsonObject welcomeB = onB.nextEvent("welcome");
                assertEquals(welcomeA.getJsonArray("history"), welcomeB.getJsonArray("history"));
                assertEquals(5, welcomeB.getJsonArray("history").size());
            }
        }
    }

    @Test
    void aMemberComingBackOnTheOtherNodeGetsExactlyWhatItMissed() throws Exception {
        String room = newRoom("since");
        try (TestSocket ann = entered(nodeA.base(), room, "ann")) {
            ann.send("seen");
            String lastSeen = ann.nextEvent("message").getString("id");
            try (TestSocket other = entered(nodeB.base(), room, "other")) {
                ann.nextEvent("join");
                other.send("missed");
                ann.nextEvent("message");
            }
            try (TestSocket back = TestSocket.connect(Urls.ws(nodeB.base(),
                    "room/" + room + "?name=ann&since=" + lastSeen))) {
                List<String> history = back.nextEvent("welcome").getJsonArray("history").getValuesAs(JsonObject.class)
                        .stream().map(message -> message.getString("text")).toList();
                assertEquals(List.of("missed"), history);
            }
        }
    }

    @Test
    void whenANodeDiesItsMembersLeaveTheOtherNodesWithin30Seconds() throws Exception {
        String room = newRoom("crash");
        try (NodeProcess nodeC = NodeProcess.tomcat("node-c", REDIS.property());
                TestSocket ann = entered(nodeA.base(), room, "ann")) {
            TestSocket doomed = entered(nodeC.base(), room, "doomed");
            ann.nextEvent("join");
            nodeC.kill();
            long killedAt = System.nanoTime();
            JsonObject leave = ann.awaitEvent("leave", Duration.ofSeconds(30));
            assertEquals("doomed", leave.getJsonObject("member").getString("name"));
            System.out.printf("a killed node's member left after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            try (TestSocket cat = Rooms.enter(nodeB.base(), room, "cat")) {
                assertEquals(Set.of("ann", "cat"), names(cat.nextEvent("welcome")));
            }
            doomed.close();
        }
    }

    @Test
    void whileRedisIsDownEachNodeKeepsChattingAndAfterwardsEveryoneHasEveryMessageOnceInOrder() throws Exception {
        String room = newRoom("outage");
        List<TestSocket> members = new ArrayList<>();
        try (TestSocket ann = entered(nodeA.base(), room, "ann"); TestSocket bob = entered(nodeA.base(), room, "bob");
                TestSocket cat = entered(nodeB.base(), room, "cat"); TestSocket dan = entered(nodeB.base(), room, "dan")) {
            members.addAll(List.of(ann, bob, cat, dan));
            List<List<String>> received = members.stream().map(member -> (List<String>) new ArrayList<String>()).toList();
            ann.send("before");
            collect(members, received, 1);

            REDIS.stop();
            try {
                nodeA.awaitHealth(503, Duration.ofSeconds(10));
                nodeB.awaitHealth(503, Duration.ofSeconds(10));
                assertTrue(nodeA.health().body().contains("\"state\":\"down\""), () -> "health: " + healthOf(nodeA));
                for (String text : List.of("a-1", "a-2")) {
                    ann.send(text);
                }
                for (String text : List.of("c-1", "c-2")) {
                    cat.send(text);
                }
                // Delivered on each node while Redis is still down.
                assertEquals(List.of("a-1", "a-2"), texts(bob, 2));
                assertEquals(List.of("c-1", "c-2"), texts(dan, 2));
                received.get(1).addAll(List.of("a-1", "a-2"));
                received.get(3).addAll(List.of("c-1", "c-2"));
            } finally {
                REDIS.start();
            }
            nodeA.awaitHealth(200, Duration.ofSeconds(60));
            nodeB.awaitHealth(200, Duration.ofSeconds(60));
            collect(members, received, 5);
            bob.send("after");
            collect(members, received, 6);

            for (List<String> got : received) {
                assertEquals(6, got.size(), () -> "received: " + received);
                assertEquals(Set.of("before", "a-1", "a-2", "c-1", "c-2", "after"), new HashSet<>(got), () -> "received: " + received);
                assertEquals("before", got.get(0));
                assertEquals("after", got.get(5));
                assertTrue(got.indexOf("a-1") < got.indexOf("a-2") && got.indexOf("c-1") < got.indexOf("c-2"),
                        () -> "each sender's order: " + received);
            }
            for (TestSocket member : members) {
                member.assertNothingWithin(Duration.ofMillis(200)); // and nothing twice
            }
        }
    }

    @Test
    void twoThousandMembersOnTwoNodesInTwoHundredRoomsEachGetEveryMessageOfTheirRoomOnce() throws Exception {
        int rooms = 200;
        int perRoom = 10;
        HttpClient client = HttpClient.newHttpClient();
        List<String> names = IntStream.range(0, rooms).mapToObj(i -> newRoom("crowd" + i)).toList();
        List<LightMember> members = new ArrayList<>();
        for (String room : names) { // a room at a time, its members together
            List<CompletableFuture<LightMember>> entering = IntStream.range(0, perRoom)
                    .mapToObj(seat -> LightMember.enter(client, seat % 2 == 0 ? nodeA.base() : nodeB.base(), room, "m" + seat))
                    .toList();
            CompletableFuture.allOf(entering.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            entering.forEach(member -> members.add(member.join()));
        }
        for (int i = 0; i < members.size(); i++) {
            members.get(i).send(names.get(i / perRoom) + " says " + (i % perRoom)).get(30, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (members.stream().anyMatch(member -> member.messageTexts().size() < perRoom) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // anything doubled would come now
        for (int i = 0; i < members.size(); i++) {
            String room = names.get(i / perRoom);
            Set<String> expected = IntStream.range(0, perRoom).mapToObj(seat -> room + " says " + seat).collect(Collectors.toSet());
            List<String> got = members.get(i).messageTexts();
            assertEquals(perRoom, got.size(), "member " + i + " got " + got);
            assertEquals(expected, new HashSet<>(got), "member " + i);
        }
        CompletableFuture.allOf(members.stream().map(LightMember::close).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
    }

    /** Reads chat messages until every member has {@code total}, adding them to what each received. */
    private static void collect(List<TestSocket> members, List<List<String>> received, int total) throws Exception {
        for (int i = 0; i < members.size(); i++) {
            while (received.get(i).size() < total) {
                received.get(i).add(members.get(i).awaitEvent("message", Duration.ofSeconds(30)).getString("text"));
            }
        }
    }

    private static List<String> texts(TestSocket member, int count) throws Exception {
        List<String> texts = new ArrayList<>();
        while (texts.size() < count) {
            texts.add(member.awaitEvent("message", Duration.ofSeconds(5)).getString("text"));
        }
        return texts;
    }

    private static Set<String> names(JsonObject welcome) {
        return welcome.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .map(member -> member.getString("name")).collect(Collectors.toSet());
    }

    private static String healthOf(NodeProcess node) {
        try {
            return node.health().body();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
