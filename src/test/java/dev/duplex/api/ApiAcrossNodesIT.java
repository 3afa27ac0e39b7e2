package dev.duplex.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.testing.ApiClient;
import dev.duplex.testing.NodeProcess;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.Tokens;
import dev.duplex.testing.Urls;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API and acknowledged messages on two nodes sharing rooms through one real Redis: the built
 * WAR on two Tomcat processes, in token mode with the API on ({@link Tokens#SETTINGS}).
 */
class ApiAcrossNodesIT {

    @RegisterExtension
    @Order(1)
    static final RedisServer REDIS = new RedisServer();

    private static NodeProcess nodeA;
    private static NodeProcess nodeB;

    @BeforeAll
    static void startNodes() throws Exception {
        String[] settings = Tokens.SETTINGS.entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        String[] withRedis = Stream.concat(Arrays.stream(settings),
                Stream.of(REDIS.property())).toArray(String[]::new);
        nodeA = NodeProcess.tomcat("api-a", withRedis);
        nodeB = NodeProcess.tomcat("api-b", withRedis);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        NodeProcess.closeAll(nodeA, nodeB);
    }

    private static TestSocket entered(URI base, String room, String user) throws Exception {
        TestSocket member = TestSocket.connect(Urls.ws(base, "room/" + room + "?access_token="
                + Tokens.forUser(user).sign()));
        member.nextEvent("welcome");
        return member;
    }

    @Test
    void aMessagePostedOnOneNodeReachesMembersOnTheOther() throws Exception {
        String room = Rooms.newRoom("posted");
        try (TestSocket bob = entered(nodeB.base(), room, "u2")) {
            JsonObject posted = new ApiClient(nodeA.base(), Tokens.API_KEY).postMessage(room, "from the backend");
            JsonObject message = bob.nextEvent("message");
            assertEquals(posted.getString("id"), message.getString("id"));
            assertEquals("from the backend", message.getString("text"));
        }
    }

    @Test
    void aRoomsMembersAreListedFromEitherNode() throws Exception {
        String room = Rooms.newRoom("listed");
        try (TestSocket ann = entered(nodeA.base(), room, "u1"); TestSocket bob = entered(nodeB.base(), room, "u2")) {
            JsonObject described = ApiClient.json(new ApiClient(nodeB.base(), Tokens.API_KEY).get(ApiClient.room(room)));
            assertEquals(2, described.getInt("member_count"));
        }
    }

    @Test
    void removingAUserOnOneNodeClosesItsConnectionOnTheOther() throws Exception {
        String room = Rooms.newRoom("removed");
        try (TestSocket ann = entered(nodeA.base(), room, "u1"); TestSocket bob = entered(nodeB.base(), room, "u2")) {
            ann.nextEvent("join");
            assertEquals(204, new ApiClient(nodeB.base(), Tokens.API_KEY)
                    .delete(ApiClient.room(room) + "/members/u1").statusCode());
            CloseReason closed = ann.awaitClose();
            assertEquals(1008, closed.getCloseCode().getCode());
            assertEquals("removed", closed.getReasonPhrase());
            assertEquals("u1", bob.awaitEvent("leave", TestSocket.WAIT).getJsonObject("member").getString("user"));
        }
    }

    @Test
    void theSameClientIdOnTheOtherNodeIsAcknowledgedWithTheFirstIdAndNotDeliveredAgain() throws Exception {
        String room = Rooms.newRoom("once");
        String send = "{\"type\":\"message\",\"text\":\"once\",\"client_id\":\"c-7\"}";
        try (TestSocket cat = entered(nodeA.base(), room, "u3")) {
            String firstId;
            try (TestSocket ann = entered(nodeA.base(), room, "u1")) {
                ann.send(send);
                firstId = ann.awaitEvent("ack", TestSocket.WAIT).getString("id");
            }
            try (TestSocket annOnB = entered(nodeB.base(), room, "u1")) {
                annOnB.send(send);
                assertEquals(firstId, annOnB.awaitEvent("ack", TestSocket.WAIT).getString("id"));
            }
            List<String> seen = new ArrayList<>();
            while (seen.stream().filter("leave"::equals).count() < 2) {
                seen.add(cat.nextJson().getString("type"));
            }
            assertEquals(List.of("join", "message", "leave", "join", "leave"), seen);
        }
    }
}
