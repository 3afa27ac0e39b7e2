package dev.duplex.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.ApiClient;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.Tokens;
import dev.duplex.testing.Urls;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The HTTP API of a deployment in {@link Tokens#SETTINGS}, as the application's backend uses it. */
public interface ApiContract {

    URI base();

    private ApiClient api() {
        return new ApiClient(base(), Tokens.API_KEY);
    }

    private TestSocket entered(String room, String user, String name) throws Exception {
        TestSocket member = TestSocket.connect(Urls.ws(base(), "room/" + room + "?access_token="
                + Tokens.forUser(user).name(name).sign()));
        member.nextEvent("welcome");
        return member;
    }

    @Test
    default void withoutTheKeyEveryCallIsUnauthorized() throws Exception {
        HttpResponse<String> answer = new ApiClient(base(), null).get(ApiClient.room("lobby"));
        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", ApiClient.json(answer).getString("error"));
        assertEquals(401, new ApiClient(base(), "wrong-key").get(ApiClient.room("lobby")).statusCode());
    }

    @Test
    default void aPostedMessageReachesTheMembersAndIsKept() throws Exception {
        String room = Rooms.newRoom("posted");
        try (TestSocket ann = entered(room, "u1", "Ann")) {
            HttpResponse<String> answer = api().post(ApiClient.room(room) + "/messages",
                    "{\"text\":\"deploy finished\",\"from\":{\"user\":\"ci\",\"name\":\"CI bot\"}}");
            assertEquals(201, answer.statusCode(), answer.body());
            JsonObject posted = ApiClient.json(answer);
            JsonObject message = ann.nextEvent("message");
            assertEquals(posted.getString("id"), message.getString("id"));
            assertEquals("deploy finished", message.getString("text"));
            assertEquals("CI bot", message.getJsonObject("from").getString("name"));
            assertEquals("ci", message.getJsonObject("from").getString("user"));
            JsonObject kept = ApiClient.json(api().get(ApiClient.room(room) + "/messages"));
            assertEquals(posted.getString("id"), kept.getJsonArray("messages").getJsonObject(0).getString("id"));
        }
    }

    @Test
    default void aRoomsMembersAreListedWithTheirUsers() throws Exception {
        String room = Rooms.newRoom("listed");
        try (TestSocket ann = entered(room, "u1", "Ann")) {
            JsonObject described = ApiClient.json(api().get(ApiClient.room(room)));
            assertEquals(1, described.getInt("member_count"));
            assertEquals("u1", described.getJsonArray("members").getJsonObject(0).getString("user"));
        }
    }

    @Test
    default void messagesSinceAnIdAreThoseAfterIt() throws Exception {
        String room = Rooms.newRoom("since");
        try (TestSocket ann = entered(room, "u1", "Ann")) {
            String first = api().postMessage(room, "one").getString("id");
            api().postMessage(room, "two");
            JsonObject after = ApiClient.json(api().get(ApiClient.room(room) + "/messages?since=" + first));
            assertEquals(1, after.getJsonArray("messages").size());
            assertEquals("two", after.getJsonArray("messages").getJsonObject(0).getString("text"));
        }
    }

    @Test
    default void aRemovedUserIsClosedAndTheOthersAreToldItLeft() throws Exception {
        String room = Rooms.newRoom("removed");
        try (TestSocket ann = entered(room, "u1", "Ann"); TestSocket bob = entered(room, "u2", "Bob")) {
            ann.nextEvent("join");
            assertEquals(204, api().delete(ApiClient.room(room) + "/members/u2").statusCode());
            CloseReason closed = bob.awaitClose();
            assertEquals(1008, closed.getCloseCode().getCode());
            assertEquals("removed", closed.getReasonPhrase());
            assertEquals("u2", ann.awaitEvent("leave", TestSocket.WAIT).getJsonObject("member").getString("user"));
        }
    }

    @Test
    default void aMessageLargerThanTheRoomsLimitIsTooLarge() throws Exception {
        HttpResponse<String> answer = api().post(ApiClient.room("big") + "/messages",
                "{\"text\":\"" + "x".repeat(17 * 1024) + "\"}");
        assertEquals(413, answer.statusCode());
        assertEquals("too_large", ApiClient.json(answer).getString("error"));
    }

    @Test
    default void aBodyThatIsNotAMessageIsABadRequest() throws Exception {
        HttpResponse<String> answer = api().post(ApiClient.room("lobby") + "/messages", "{\"txt\":\"typo\"}");
        assertEquals(400, answer.statusCode());
        assertTrue(ApiClient.json(answer).getString("reason").contains("text"));
    }

    @Test
    default void anInvalidRoomNameIsABadRequest() throws Exception {
        assertEquals(400, api().get("rooms/a%20b").statusCode());
    }

    @Test
    default void anUnknownCallIsNotFound() throws Exception {
        HttpResponse<String> answer = api().get("nothing/here");
        assertEquals(404, answer.statusCode());
        assertEquals("not_found", ApiClient.json(answer).getString("error"));
    }

    @Test
    default void aMintedTokenOpensTheRoomsItGrantsAndNoOthers() throws Exception {
        HttpResponse<String> minted = api().post("tokens",
                "{\"sub\":\"u9\",\"name\":\"Nia\",\"rooms\":[\"minted-*\"],\"ttl_seconds\":60}");
        assertEquals(200, minted.statusCode(), minted.body());
        String token = ApiClient.json(minted).getString("token");
        try (TestSocket nia = TestSocket.connect(Urls.ws(base(), "room/" + Rooms.newRoom("minted") + "?access_token=" + token))) {
            assertEquals("Nia", nia.nextEvent("welcome").getString("name"));
        }
    }
}
