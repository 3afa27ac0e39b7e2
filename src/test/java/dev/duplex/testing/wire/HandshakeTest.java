package dev.duplex.testing.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared opening handshake on its own: the request it writes and the answers it takes or refuses. */
class HandshakeTest {

    private static final URI ECHO = URI.create("ws://localhost:8080/duplex/echo?x=1");

    @Test
    void theRequestHasTheDefaultsWithTheCallersHeadersReplacingOrDroppingThem() {
        Map<String, String> headers = new HashMap<>(Map.of("origin", "http://localhost", "Sec-WebSocket-Version", "8"));
        headers.put("Connection", null);
        String request = Handshake.to(ECHO, headers).request();
        assertTrue(request.startsWith("GET /duplex/echo?x=1 HTTP/1.1\r\nHost: localhost:8080\r\nUpgrade: websocket\r\n"),
                request);
        assertTrue(request.contains("Sec-WebSocket-Version: 8\r\n"), request);
        assertFalse(request.contains("Sec-WebSocket-Version: 13"), request);
        assertFalse(request.contains("Connection:"), request);
        assertTrue(request.contains("origin: http://localhost\r\n") && request.endsWith("\r\n\r\n"), request);
    }

    @Test
    void aRightAnswerIsTakenAndWhatFollowsItStaysInTheBuffer() throws Exception {
        Handshake handshake = Handshake.to(ECHO, Map.of());
        ByteBuffer in = ascii(answer(handshake, "") + "\u0081\u0002hi");
        assertTrue(handshake.consume(in));
        assertEquals(101, handshake.verify().status());
        assertEquals(4, in.remaining(), "the first frame is left for the frame decoder");
    }

    @Test
    void aWrongKeyOrAnExtensionNeverOfferedIsRefused() throws Exception {
        Handshake wrongKey = Handshake.to(ECHO, Map.of());
        wrongKey.consume(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: nonsense\r\n\r\n"));
        assertTrue(assertThrows(HandshakeException.class, wrongKey::verify).getMessage().contains("Sec-WebSocket-Accept"));
        Handshake unoffered = Handshake.to(ECHO, Map.of());
        unoffered.consume(ascii(answer(unoffered, "Sec-WebSocket-Extensions: permessage-deflate\r\n")));
        assertTrue(assertThrows(HandshakeException.class, unoffered::verify).getMessage().contains("never offered"));
        Handshake offered = Handshake.to(ECHO, Map.of("Sec-WebSocket-Extensions", "permessage-deflate"));
        offered.consume(ascii(answer(offered, "Sec-WebSocket-Extensions: permessage-deflate\r\n")));
        assertEquals("permessage-deflate", offered.verify().headers().get("sec-websocket-extensions"));
    }

    @Test
    void aRefusalKeepsItsStatusAndACutShortHeadIsReadAsFarAsItCame() throws Exception {
        Handshake refused = Handshake.to(ECHO, Map.of());
        refused.consume(ascii("HTTP/1.1 403 Forbidden\nContent-Length: 0\n\n")); // bare LFs
        HandshakeException failure = assertThrows(HandshakeException.class, refused::verify);
        assertEquals(403, failure.status());
        assertEquals("HTTP/1.1 403 Forbidden", failure.statusLine());
        AnswerHead cut = new AnswerHead();
        assertFalse(cut.consume(ascii("HTTP/1.1 431 Request Header Fields Too Large\r\nConn")));
        assertEquals(431, cut.answer().status());
        assertEquals(HttpAnswer.NO_ANSWER, new AnswerHead().answer().status());
    }

    /** A 101 with the accept value of the handshake's own key, and {@code more} headers. */
    private static String answer(Handshake handshake, String more) throws Exception {
        String key = handshake.request().lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst()
                .orElseThrow().substring("Sec-WebSocket-Key: ".length());
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(ISO_8859_1));
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1) + "\r\n" + more + "\r\n";
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(ISO_8859_1));
    }
}
