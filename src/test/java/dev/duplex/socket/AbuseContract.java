package dev.duplex.socket;

import static dev.duplex.testing.Urls.ws;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.HandshakeProbe;
import dev.duplex.testing.LogWatch;
import dev.duplex.testing.RawSocket;
import dev.duplex.testing.ServerThreads;
import dev.duplex.testing.TestSocket;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every endpoint does with input that is broken on purpose, on any server that runs duplex:
 * a clear close code for each fault, and a server that keeps serving everyone else.
 */
public interface AbuseContract {

    URI base();

    /** How many WebSocket connections the server has open right now. */
    int openConnections() throws Exception;

    Map<String, Integer> LIMITS = Map.of("echo", 1024 * 1024, "rewrite", 64 * 1024, "room/abuse?name=x", 16 * 1024);

    @Test
    default void oversizeClosesWith1009AlsoWhenItArrivesCompressed() throws Exception {
        for (var endpoint : LIMITS.entrySet()) {
            try (RawSocket client = RawSocket.connect(ws(base(), endpoint.getKey()),
                    Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
                String oversize = "a".repeat(endpoint.getValue() + 1); // deflates to a few hundred bytes
                if (client.negotiatedExtensions().contains("permessage-deflate")) {
                    client.sendCompressedText(oversize);
                } else {
                    client.sendText(oversize); // this server does not compress: the limit holds all the same
                }
                RawSocket.Frame close = client.awaitClose();
                assertEquals(1009, close.closeCode(), endpoint.getKey() + " " + close);
            }
        }
    }

    /** Guards against a container that drops the tail of an inflated message (Tomcat 10.1.55 did, at 8 KiB). */
    @Test
    default void aCompressedMessageArrivesWholeAtEverySize() throws Exception {
        for (int size : new int[] {8_191, 8_193, 65_537, 1024 * 1024}) {
            try (RawSocket client = RawSocket.connect(ws(base(), "echo"),
                    Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
                String message = "a".repeat(size - 1) + "z";
                if (client.negotiatedExtensions().contains("permessage-deflate")) {
                    client.sendCompressedText(message);
                    assertEquals(message, RawSocket.inflated(client.readFrame()), "size " + size);
                } else {
                    client.sendText(message);
                    assertEquals(message, client.nextText(), "size " + size);
                }
            }
        }
    }

    @Test
    default void invalidUtf8ClosesWith1007() throws Exception {
        for (String endpoint : LIMITS.keySet()) {
            try (RawSocket client = RawSocket.connect(ws(base(), endpoint))) {
                client.sendFrame(true, RawSocket.TEXT, new byte[] {'h', 'i', (byte) 0xC3, (byte) 0x28});
                RawSocket.Frame close = client.awaitClose();
                assertEquals(1007, close.closeCode(), endpoint + " " + close);
            }
        }
    }

    /**
     * A bounded storm, the same every run (fixed seed): garbage bytes, random frames, random JSON,
     * invalid UTF-8 and handshakes cut off midway, on every endpoint. Afterwards a well-behaved client
     * gets correct answers, the server's connections and threads (outside the container's request
     * pools, which grow to their maximum with load and are bounded) are back where they were, and
     * nothing was logged above INFO by duplex, nor at ERROR by the container.
     */
    @Test
    default void aStormOfBrokenInputLeavesTheServerServingAndReleasesWhatItTook() throws Exception {
        storm(new Random(1)); // warms the containers' pools, which may grow once and stay
        openConnections();
        int connectionsBefore = openConnections();
        int threadsBefore = ServerThreads.countOutsidePools();
        var threadNamesBefore = ServerThreads.byName();

        try (LogWatch log = LogWatch.start()) {
            storm(new Random(2));
            assertTrue(log.errors().isEmpty(), () -> "client faults logged above INFO: " + log.errors());
        }

        try (TestSocket echo = TestSocket.connect(ws(base(), "echo"));
                TestSocket rewrite = TestSocket.connect(ws(base(), "rewrite"));
                TestSocket room = TestSocket.connect(ws(base(), "room/after-the-storm?name=calm"))) {
            echo.send("你好");
            assertEquals("你好", echo.nextText());
            rewrite.send("在吗？");
            assertEquals("在!", rewrite.nextJson().getString("server_msg"));
            assertEquals("after-the-storm", room.nextEvent("welcome").getString("room"));
            room.send("calm");
            assertEquals("calm", room.nextEvent("message").getString("text"));
        }
        assertSettles("open connections", connectionsBefore, this::openConnections);
        assertSettles("server threads outside the container's request pools, before " + threadNamesBefore,
                threadsBefore + 3, ServerThreads::countOutsidePools);
    }

    private void storm(Random random) throws Exception {
        for (String endpoint : List.of("echo", "rewrite", "room/storm?name=noise")) {
            for (int i = 0; i < 20; i++) {
                abuse(endpoint, random.nextInt(6), random);
            }
        }
    }

    private void abuse(String endpoint, int kind, Random random) throws Exception {
        URI uri = ws(base(), endpoint);
        if (kind >= 4) {
            String request = HandshakeProbe.requestText(uri, Map.of());
            byte[] bytes = kind == 4 ? request.substring(0, random.nextInt(request.length())).getBytes(UTF_8)
                    : randomBytes(random, 1 + random.nextInt(2000));
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.getOutputStream().write(bytes); // then hang up: a handshake cut off, or noise
            }
            return;
        }
        try (RawSocket client = RawSocket.connect(uri)) {
            switch (kind) {
                case 0 -> client.sendRaw(randomBytes(random, 1 + random.nextInt(500)));
                case 1 -> {
                    for (int frames = 1 + random.nextInt(4); frames > 0; frames--) {
                        client.sendFrame(random.nextBoolean(), random.nextInt(16), randomBytes(random, random.nextInt(300)));
                    }
                }
                case 2 -> client.sendText(randomJson(random, 3));
                default -> client.sendFrame(true, RawSocket.TEXT, new byte[] {(byte) 0xFF, (byte) 0xFE});
            }
        } catch (IOException serverHungUpFirst) {
            // fine: that is one of the answers to garbage
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random JSON-ish text: valid and invalid objects, arrays, odd types and broken endings. */
    private static String randomJson(Random random, int depth) {
        return switch (depth <= 0 ? random.nextInt(4) : random.nextInt(7)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> "\"" + "吗?\\u0000\\\"".repeat(random.nextInt(3)) + "\"";
            case 2 -> random.nextBoolean() ? "null" : "true";
            case 3 -> "{\"type\":";
            case 4 -> "{\"type\":\"message\",\"text\":" + randomJson(random, depth - 1) + "}";
            case 5 -> "[" + randomJson(random, depth - 1) + "," + randomJson(random, depth - 1) + "]";
            default -> "{\"type\":" + randomJson(random, depth - 1) + "}";
        };
    }

    /** Polls until {@code value} is at most {@code limit}: closes and pools take a moment to settle. */
    private static void assertSettles(String what, int limit, ThrowingIntSupplier value) throws Exception {
        long deadline = System.nanoTime() + TestSocket.WAIT.toNanos();
        int last = value.getAsInt();
        while (last > limit && System.nanoTime() < deadline) {
            Thread.sleep(Duration.ofMillis(200).toMillis());
            last = value.getAsInt();
        }
        assertTrue(last <= limit, what + ": " + last + ", expected at most " + limit);
    }

    @FunctionalInterface
    interface ThrowingIntSupplier {
        int getAsInt() throws Exception;
    }
}
