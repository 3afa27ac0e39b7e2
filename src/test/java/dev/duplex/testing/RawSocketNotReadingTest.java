package dev.duplex.testing;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.testing.wire.HandshakeException;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RawSocket#connectNotReading} against duplex's real endpoints, on Tyrus's standalone server
 * in this JVM: the member that never reads, which the slow-consumer tests and the benchmark's
 * slow-member part put in a room.
 */
class RawSocketNotReadingTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    private static final Duration WAIT = TestSocket.WAIT;

    @Test
    void itBecomesARoomMemberTheOthersAreToldOf() throws Exception {
        try (Room room = Room.joinedBy("reader")) {
            RawSocket quiet = RawSocket.connectNotReading(room.uri("quiet"));
            try {
                assertNotNull(room.next("\"join\"", "\"quiet\""), "the reader heard of no member named quiet");
            } finally {
                quiet.close();
            }
        }
    }

    @Test
    void closingResetsTheConnectionSoTheOthersAreToldItLeft() throws Exception {
        try (Room room = Room.joinedBy("reader")) {
            RawSocket quiet = RawSocket.connectNotReading(room.uri("quiet"));
            assertNotNull(room.next("\"join\"", "\"quiet\""), "no join");
            quiet.close();
            assertNotNull(room.next("\"leave\"", "\"quiet\""), "the reader heard of no leave of quiet");
        }
    }

    @Test
    void closingTwiceDoesNothing() throws Exception {
        try (Room room = Room.joinedBy("reader")) {
            RawSocket quiet = RawSocket.connectNotReading(room.uri("quiet"));
            quiet.close();
            assertDoesNotThrow(quiet::close);
        }
    }

    @Test
    void aRefusedHandshakeFailsToOpenWithTheStatus() {
        HandshakeException refused = assertThrows(HandshakeException.class,
                () -> RawSocket.connectNotReading(ws(SERVER.base(), "nowhere")));
        assertEquals(404, refused.status(), refused::getMessage);
    }

    /** A room on the test server with one reading member, whose events {@link #next} looks through. */
    private record Room(String name, TestSocket reader) implements AutoCloseable {

        static Room joinedBy(String member) throws Exception {
            String name = Rooms.newRoom("non-reader");
            return new Room(name, Rooms.entered(SERVER.base(), name, member));
        }

        URI uri(String member) {
            return ws(SERVER.base(), "room/" + name + "?name=" + member);
        }

        /** The next event whose JSON contains every one of {@code parts}, skipping others; null if none comes in time. */
        String next(String... parts) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<JsonObject> event = reader.nextJsonWithin(Duration.ofNanos(deadline - System.nanoTime()));
                if (event.isPresent() && Arrays.stream(parts).allMatch(event.get().toString()::contains)) {
                    return event.get().toString();
                }
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
