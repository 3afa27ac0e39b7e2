package dev.duplex.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.SignedInWar;
import dev.duplex.testing.HandshakeProbe;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.Tokens;
import dev.duplex.testing.Urls;
import dev.duplex.testing.wire.HttpAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SignInContract} against the built WAR in a real container, where the handshake filter
 * answers before the upgrade; and what only a container shows: the challenge header, the
 * Authorization header as the token's carrier, the refusals in the metrics.
 */
class SignInIT extends SignedInWar implements SignInContract {

    @Override
    public void assertRefused(URI uri, int status, String reason) throws Exception {
        HttpAnswer answer = HandshakeProbe.send(uri, HandshakeProbe.requestText(uri, Map.of()));
        assertEquals(status, answer.status(), answer::toString);
    }

    @Test
    void anUnauthorizedHandshakeGetsTheBearerChallenge() throws Exception {
        URI echo = Urls.ws(base(), "echo");
        HttpAnswer answer = HandshakeProbe.send(echo, HandshakeProbe.requestText(echo, Map.of()));
        assertTrue(answer.headers().getOrDefault("www-authenticate", "").startsWith("Bearer error=\"invalid_token\""),
                answer::toString);
    }

    @Test
    void theTokenMayComeInTheAuthorizationHeader() throws Exception {
        URI room = Urls.ws(base(), "room/" + Rooms.newRoom("header"));
        String bearer = "Bearer " + Tokens.forUser("u1").sign();
        HttpAnswer answer = HandshakeProbe.send(room, HandshakeProbe.requestText(room, Map.of("Authorization", bearer)));
        assertEquals(101, answer.status(), answer::toString);
    }

    @Test
    void refusedHandshakesAreCountedByReason() throws Exception {
        assertRefused(Urls.ws(base(), "echo"), 401, "");
        assertRefused(Urls.ws(base(), "room/" + Rooms.newRoom("closed") + "?access_token="
                + Tokens.forUser("u1").rooms("open").sign()), 403, "");
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base().resolve("metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("duplex_handshakes_refused_total{endpoint=\"echo\",reason=\"unauthorized\"}"),
                "unauthorized counted");
        assertTrue(metrics.body().contains("duplex_handshakes_refused_total{endpoint=\"room\",reason=\"forbidden\"}"),
                "forbidden counted");
    }
}
