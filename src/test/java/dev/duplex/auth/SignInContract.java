package dev.duplex.auth;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.Tokens;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What duplex does in token mode ({@link Tokens#SETTINGS}) on any server that runs it. Each test
 * uses rooms of its own.
 */
public interface SignInContract {

    URI base();

    /**
     * The handshake to {@code uri} is turned away: {@code status} (401, 403) where a servlet filter
     * runs, a close with 1008 where none does, with {@code reason} in the answer either way.
     */
    void assertRefused(URI uri, int status, String reason) throws Exception;

    private URI room(String room, String token, String name) {
        return ws(base(), "room/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "?access_token=" + token
                + (name == null ? "" : "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)));
    }

    private TestSocket entered(String room, String token) throws Exception {
        TestSocket member = TestSocket.connect(room(room, token, null));
        member.nextEvent("welcome");
        return member;
    }

    @Test
    default void aHandshakeWithoutATokenIsRefusedAsUnauthorized() throws Exception {
        assertRefused(ws(base(), "room/" + Rooms.newRoom("no-token") + "?name=ann"), 401, "token is required");
    }

    @Test
    default void theEchoNeedsATokenToo() throws Exception {
        assertRefused(ws(base(), "echo"), 401, "token is required");
    }

    @Test
    default void aTokenWithABadSignatureIsRefusedAsUnauthorized() throws Exception {
        String forged = Tokens.forUser("u1").signedWithAnotherSecret().sign();
        assertRefused(room(Rooms.newRoom("forged"), forged, null), 401, "");
    }

    @Test
    default void anExpiredTokenIsRefusedAsUnauthorized() throws Exception {
        String expired = Tokens.forUser("u1").expiresIn(Duration.ofMinutes(-5)).sign();
        assertRefused(room(Rooms.newRoom("expired"), expired, null), 401, "expired");
    }

    @Test
    default void aTokenJustPastItsExpiryIsRefusedThoughWithinTheClockSkew() throws Exception {
        String justExpired = Tokens.forUser("u1").expiresIn(Duration.ofSeconds(-30)).sign();
        assertRefused(room(Rooms.newRoom("just-expired"), justExpired, null), 401, "expired");
    }

    @Test
    default void aRoomTheTokenDoesNotGrantIsForbidden() throws Exception {
        String lobbyOnly = Tokens.forUser("u1").rooms("lobby-*").sign();
        assertRefused(room(Rooms.newRoom("admin"), lobbyOnly, null), 403, "does not grant");
    }

    @Test
    default void aRoomMatchingTheTokensPatternIsOpen() throws Exception {
        String team = Tokens.forUser("u1").rooms("team-*").sign();
        try (TestSocket member = entered(Rooms.newRoom("team"), team)) {
            assertTrue(member.isOpen());
        }
    }

    @Test
    default void theNameComesFromTheTokenNotFromTheQuery() throws Exception {
        String token = Tokens.forUser("u1").name("Ann").sign();
        try (TestSocket member = TestSocket.connect(room(Rooms.newRoom("named"), token, "Mallory"))) {
            JsonObject welcome = member.nextEvent("welcome");
            assertEquals("Ann", welcome.getString("name"));
            assertEquals("u1", welcome.getString("user"));
        }
    }

    @Test
    default void withoutANameClaimTheNameIsTheUserId() throws Exception {
        try (TestSocket member = TestSocket.connect(room(Rooms.newRoom("unnamed"), Tokens.forUser("u7").sign(), null))) {
            assertEquals("u7", member.nextEvent("welcome").getString("name"));
        }
    }

    @Test
    default void eventsThatNameAMemberCarryItsUser() throws Exception {
        String room = Rooms.newRoom("users");
        try (TestSocket ann = entered(room, Tokens.forUser("u1").name("Ann").sign());
                TestSocket bob = entered(room, Tokens.forUser("u2").name("Bob").sign())) {
            assertEquals("u2", ann.nextEvent("join").getJsonObject("member").getString("user"));
            bob.send("hi");
            assertEquals("u2", ann.nextEvent("message").getJsonObject("from").getString("user"));
        }
    }

    @Test
    default void aMessageToARoomTheUserMayOnlyReadIsForbiddenAndTheConnectionStays() throws Exception {
        String room = Rooms.newRoom("read-only");
        try (TestSocket reader = entered(room, Tokens.forUser("u1").rooms("read-only-*").publish("other").sign())) {
            reader.send("may I?");
            assertEquals("forbidden", reader.nextEvent("error").getString("code"));
            assertTrue(reader.isOpen());
        }
    }

    @Test
    default void theConnectionIsClosedWithPolicyViolationWhenItsTokenExpires() throws Exception {
        try (TestSocket member = entered(Rooms.newRoom("expiring"), Tokens.forUser("u1").expiresIn(Duration.ofSeconds(2)).sign())) {
            CloseReason closed = member.awaitClose();
            assertEquals(1008, closed.getCloseCode().getCode());
            assertEquals("token expired", closed.getReasonPhrase());
        }
    }

    @Test
    default void aMessageWithAClientIdIsAcknowledgedWithItsId() throws Exception {
        try (TestSocket ann = entered(Rooms.newRoom("ack"), Tokens.forUser("u1").sign())) {
            ann.send("{\"type\":\"message\",\"text\":\"hello\",\"client_id\":\"c-1\"}");
            JsonObject message = ann.awaitEvent("message", TestSocket.WAIT);
            JsonObject ack = ann.awaitEvent("ack", TestSocket.WAIT);
            assertEquals("c-1", ack.getString("client_id"));
            assertEquals(message.getString("id"), ack.getString("id"));
        }
    }

    @Test
    default void theSameClientIdAfterAReconnectIsAcknowledgedAgainAndDeliveredToNobody() throws Exception {
        String room = Rooms.newRoom("once");
        String annsToken = Tokens.forUser("u1").name("Ann").sign();
        String send = "{\"type\":\"message\",\"text\":\"only once\",\"client_id\":\"c-42\"}";
        try (TestSocket bob = entered(room, Tokens.forUser("u2").sign())) {
            String firstId;
            try (TestSocket ann = entered(room, annsToken)) {
                ann.send(send);
                firstId = ann.awaitEvent("ack", TestSocket.WAIT).getString("id");
            }
            assertEquals("only once", bob.awaitEvent("message", TestSocket.WAIT).getString("text"));
            try (TestSocket annAgain = entered(room, annsToken)) {
                annAgain.send(send);
                assertEquals(firstId, annAgain.awaitEvent("ack", TestSocket.WAIT).getString("id"));
            }
            // Bob saw Ann leave, come back and leave again, and no second message between.
            List<String> seen = new ArrayList<>();
            while (seen.stream().filter("leave"::equals).count() < 2) {
                seen.add(bob.nextJson().getString("type"));
            }
            assertEquals(List.of("leave", "join", "leave"), seen);
        }
    }

    @Test
    default void typingIsToldToTheOthersNotToTheTypist() throws Exception {
        String room = Rooms.newRoom("typing");
        try (TestSocket ann = entered(room, Tokens.forUser("u1").name("Ann").sign());
                TestSocket bob = entered(room, Tokens.forUser("u2").sign())) {
            ann.nextEvent("join");
            ann.send("{\"type\":\"typing\"}");
            JsonObject typing = bob.nextEvent("typing");
            assertEquals("u1", typing.getJsonObject("member").getString("user"));
            ann.assertNothingWithin(Duration.ofMillis(300));
        }
    }
}
