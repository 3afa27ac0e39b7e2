package dev.duplex.socket;

import static dev.duplex.testing.Urls.ws;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.DeployedWar;
import dev.duplex.testing.RawSocket;
import dev.duplex.testing.wire.FrameEncoder;
import dev.duplex.testing.wire.HandshakeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * RFC 6455 at its edges, where the containers' own WebSocket code decides and differs: a message
 * far over the limit in one frame, a client frame without a mask, a frame sent in the same write as
 * the handshake. What Payara does wrong today is pinned under a name that says so: each of those
 * tests fails the day a Payara release fixes it, and then becomes the plain rule.
 */
class ProtocolEdgesIT extends DeployedWar {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    /** The largest message of Autobahn's fuzzing client (cases 9.1.6 and 9.2.6), in one frame, on every endpoint. */
    @Test
    void aSixteenMebibyteTextFrameClosesWith1009AndTheLimitOnEveryEndpoint() throws Exception {
        for (var endpoint : AbuseContract.LIMITS.entrySet()) {
            RawSocket.Frame close = closeAfterSending(endpoint.getKey(), RawSocket.TEXT, SIXTEEN_MIB);
            assertEquals(1009, close.closeCode(), endpoint.getKey() + " " + close);
            assertTrue(close.closeReason().contains(Integer.toString(endpoint.getValue())),
                    endpoint.getKey() + " " + close.closeReason());
        }
    }

    @Test
    void aSixteenMebibyteBinaryFrameClosesWith1009AndTheLimit() throws Exception {
        RawSocket.Frame close = closeAfterSending("echo", RawSocket.BINARY, SIXTEEN_MIB);
        assertEquals(1009, close.closeCode(), close::toString);
        assertTrue(close.closeReason().contains("1048576"), close.closeReason());
    }

    /**
     * Tyrus holds a frame whole before anyone sees it, in a buffer that the WAR's web.xml sets to
     * 16 MiB and 14 bytes (of payload: Tyrus has read the header by then). A larger frame fails
     * inside Tyrus with 1011 "Buffer overflow." (Utils#appendBuffers throws, the read handler of
     * TyrusWebSocketEngine closes with UNEXPECTED_CONDITION) without telling the endpoint, in Tyrus
     * 2.1 and 2.2 alike. Pinned: a Tyrus that refuses a frame by its header would answer 1009.
     */
    @Test
    @EnabledIfSystemProperty(named = CONTAINER, matches = "payara-.*")
    void onPayaraAFrameOverSixteenMebibytesClosesWith1011FromTyrus() throws Exception {
        RawSocket.Frame close = closeAfterSending("echo", RawSocket.TEXT, SIXTEEN_MIB + 64 * 1024);
        assertEquals(1011, close.closeCode(), close::toString);
    }

    /**
     * Sends {@code size} bytes of {@code opcode} in one frame from another thread, while this one
     * waits for the close: a server that closes early stops reading, and the write may then never
     * finish.
     */
    private RawSocket.Frame closeAfterSending(String endpoint, int opcode, int size) throws Exception {
        RawSocket client = RawSocket.connect(ws(base(), endpoint));
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'a');
        Thread writer = new Thread(() -> {
            try {
                client.sendFrame(true, opcode, payload);
            } catch (IOException closedBeforeTheEnd) {
                // the server had its answer early and hung up: the close frame tells
            }
        }, "large frame writer");
        writer.setDaemon(true);
        writer.start();
        try {
            return client.awaitClose();
        } finally {
            client.close(); // ends a write the server no longer reads
            writer.join(5_000);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = CONTAINER, matches = "tomcat-.*")
    void onTomcatAnUnmaskedFrameFailsTheConnectionWith1002() throws Exception {
        try (RawSocket client = RawSocket.connect(ws(base(), "echo"))) {
            client.sendUnmaskedFrame(true, RawSocket.TEXT, "not masked".getBytes(UTF_8));
            assertEquals(1002, client.awaitClose().closeCode());
        }
    }

    /**
     * RFC 6455 section 5.1: "The server MUST close the connection upon receiving a frame that is not
     * masked." Tyrus, Payara's WebSocket implementation, reads the mask bit only to know whether a
     * key follows (ProtocolHandler#unframe) and checks nothing, in 2.1 (Payara 6) and 2.2 (Payara 7).
     */
    @Test
    @EnabledIfSystemProperty(named = CONTAINER, matches = "payara-.*")
    void onPayaraAnUnmaskedFrameIsStillEchoed() throws Exception {
        try (RawSocket client = RawSocket.connect(ws(base(), "echo"))) {
            client.sendUnmaskedFrame(true, RawSocket.TEXT, "not masked".getBytes(UTF_8));
            assertEquals("not masked", client.nextText());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = CONTAINER, matches = "tomcat-.*")
    void onTomcatAFrameSentWithTheHandshakeIsEchoed() throws Exception {
        try (RawSocket client = RawSocket.connectSendingAtOnce(ws(base(), "echo"), firstFrame())) {
            assertEquals("with the handshake", client.nextText());
        }
    }

    /**
     * On Payara a frame sent with the handshake would deadlock the upgrade (see
     * HandshakeGuard#checkNothingSentEarly): no echo, no close, and a server thread blocked for
     * good. duplex refuses such a handshake there before the upgrade. Tomcat reads the frame after
     * the upgrade, see above, and never shows duplex the early bytes.
     */
    @Test
    @EnabledIfSystemProperty(named = CONTAINER, matches = "payara-.*")
    void onPayaraAFrameSentWithTheHandshakeGets400InsteadOfAHungConnection() throws Exception {
        HandshakeException refused = assertThrows(HandshakeException.class,
                () -> RawSocket.connectSendingAtOnce(ws(base(), "echo"), firstFrame()).close());
        assertEquals(400, refused.status(), refused::getMessage);
    }

    private static ByteBuffer firstFrame() {
        return FrameEncoder.frame(true, RawSocket.TEXT, "with the handshake".getBytes(UTF_8), FrameEncoder.maskKey());
    }
}
