package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HandshakeGuardTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // "the sample nonce", RFC 6455's example

    private final HandshakeGuard guard = new HandshakeGuard(new OriginPolicy(List.of()), () -> false);

    /** The headers of a valid handshake from the page's own origin. */
    private static Map<String, String> valid() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", "example.com");
        headers.put("Origin", "https://example.com");
        headers.put("Connection", "keep-alive, Upgrade");
        headers.put("Upgrade", "websocket");
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Sec-WebSocket-Key", KEY);
        return headers;
    }

    private static Optional<HandshakeGuard.Refusal> check(HandshakeGuard guard, String method,
            Map<String, String> headers) {
        return guard.check(method, headers::get);
    }

    private HandshakeGuard.Refusal refused(Map<String, String> headers) {
        return check(guard, "GET", headers).orElseThrow();
    }

    @Test
    void aValidHandshakePasses() {
        assertEquals(Optional.empty(), check(guard, "GET", valid()));
    }

    @Test
    void aHandshakeWithNothingAfterItPasses() {
        assertEquals(Optional.empty(), HandshakeGuard.checkNothingSentEarly(0));
    }

    @Test
    void dataSentBeforeTheAnswerGets400AndTheConnectionClosed() {
        HandshakeGuard.Refusal refused = HandshakeGuard.checkNothingSentEarly(7).orElseThrow();
        assertEquals(400, refused.status());
        assertEquals("close", refused.headers().get("Connection"));
        assertEquals("malformed", refused.cause());
    }

    @Test
    void aPostIsRefusedWith405AllowingGet() {
        HandshakeGuard.Refusal refusal = check(guard, "POST", valid()).orElseThrow();
        assertEquals(405, refusal.status());
        assertEquals(Map.of("Allow", "GET"), refusal.headers());
    }

    @Test
    void aHandshakeWithoutTheUpgradeConnectionTokenIsRefusedWith400() {
        Map<String, String> headers = valid();
        headers.put("Connection", "keep-alive");
        assertEquals(400, refused(headers).status());
    }

    @Test
    void aHandshakeWithoutAConnectionHeaderIsRefusedWith400() {
        Map<String, String> headers = valid();
        headers.remove("Connection");
        assertEquals(400, refused(headers).status());
    }

    @Test
    void anotherProtocolVersionIsRefusedWith426NamingVersion13() {
        Map<String, String> headers = valid();
        headers.put("Sec-WebSocket-Version", "8");
        HandshakeGuard.Refusal refusal = refused(headers);
        assertEquals(426, refusal.status());
        assertEquals(Map.of("Sec-WebSocket-Version", "13"), refusal.headers());
    }

    @Test
    void aHandshakeWithoutAKeyIsRefusedWith400() {
        Map<String, String> headers = valid();
        headers.remove("Sec-WebSocket-Key");
        assertEquals(400, refused(headers).status());
    }

    @Test
    void aKeyThatIsNotSixteenBytesIsRefusedWith400() {
        Map<String, String> headers = valid();
        headers.put("Sec-WebSocket-Key",
                Base64.getEncoder().encodeToString("fifteen bytes!!".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(400, refused(headers).status());
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedWith400() {
        Map<String, String> headers = valid();
        headers.put("Sec-WebSocket-Key", "not a base64 key!");
        assertEquals(400, refused(headers).status());
    }

    @Test
    void aForeignOriginIsRefusedWith403() {
        Map<String, String> headers = valid();
        headers.put("Origin", "https://evil.example");
        assertEquals(403, refused(headers).status());
    }

    @Test
    void aFullNodeRefusesWith503AndRetryAfter() {
        HandshakeGuard full = new HandshakeGuard(new OriginPolicy(List.of()), () -> true);
        HandshakeGuard.Refusal refusal = check(full, "GET", valid()).orElseThrow();
        assertEquals(503, refusal.status());
        assertTrue(refusal.headers().containsKey("Retry-After"), refusal.headers().toString());
    }

    @Test
    void aMalformedHandshakeFromAForeignOriginGetsThe400NotThe403() {
        Map<String, String> headers = valid();
        headers.put("Origin", "https://evil.example");
        headers.remove("Sec-WebSocket-Key");
        assertEquals(400, refused(headers).status());
    }

    @Test
    void theUpgradeHeaderIsRecognizedIgnoringCase() {
        assertTrue(HandshakeGuard.isWebSocketUpgrade("WebSocket"));
    }

    @Test
    void noUpgradeHeaderOrAnotherProtocolIsNotAWebSocketUpgrade() {
        assertFalse(HandshakeGuard.isWebSocketUpgrade(null));
        assertFalse(HandshakeGuard.isWebSocketUpgrade("h2c"));
    }
}
