package dev.duplex.web;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.it.DeployedWar;
import dev.duplex.testing.HandshakeProbe;
import dev.duplex.testing.wire.HttpAnswer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the deployed WAR answers WebSocket handshakes that must not be upgraded, on every endpoint. */
class HandshakeIT extends DeployedWar {

    private static final List<String> ENDPOINTS = List.of("echo", "rewrite", "room/lobby?name=ann");

    private HttpAnswer handshake(String endpoint, Map<String, String> headers) throws Exception {
        URI uri = ws(base(), endpoint);
        return HandshakeProbe.send(uri, HandshakeProbe.requestText(uri, headers));
    }

    @Test
    void aForeignOriginIsRefusedWith403BeforeTheUpgrade() throws Exception {
        for (String endpoint : ENDPOINTS) {
            assertEquals(403, handshake(endpoint, Map.of("Origin", "https://evil.example")).status(), endpoint);
        }
    }

    @Test
    void thePagesOwnOriginAndClientsWithoutOriginAreUpgraded() throws Exception {
        String own = "http://127.0.0.1:" + base().getPort();
        for (String endpoint : ENDPOINTS) {
            assertEquals(101, handshake(endpoint, Map.of("Origin", own)).status(), endpoint);
            assertEquals(101, handshake(endpoint, Map.of()).status(), endpoint);
        }
    }

    @Test
    void aHandshakeWithoutKeyIsRefusedWith400() throws Exception {
        for (String endpoint : ENDPOINTS) {
            assertEquals(400, handshake(endpoint, HandshakeProbe.omitting("Sec-WebSocket-Key")).status(), endpoint);
        }
    }

    @Test
    void aKeyThatIsNot16BytesIsRefusedWith400() throws Exception {
        assertEquals(400, handshake("echo", Map.of("Sec-WebSocket-Key", "c2hvcnQ=")).status());
    }

    @Test
    void anotherProtocolVersionIsRefusedWith426NamingVersion13() throws Exception {
        HttpAnswer answer = handshake("echo", Map.of("Sec-WebSocket-Version", "8"));
        assertEquals(426, answer.status());
        assertEquals("13", answer.headers().get("sec-websocket-version"));
    }

    @Test
    void aHandshakeThatIsNotAGetIsRefusedWith405() throws Exception {
        URI uri = ws(base(), "echo");
        String post = HandshakeProbe.requestText(uri, Map.of()).replaceFirst("^GET ", "POST ");
        assertEquals(405, HandshakeProbe.send(uri, post).status());
    }
}
