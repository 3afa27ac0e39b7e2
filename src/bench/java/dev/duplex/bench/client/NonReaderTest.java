package dev.duplex.bench.client;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.TestSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NonReader} against duplex's real endpoints, on Tyrus's standalone server in this JVM. */
class NonReaderTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    private static final Duration WAIT = TestSocket.WAIT;

    @Test
    void itBecomesARoomMemberTheOthersAreToldOf() throws Exception {
        try (NioClient client = new NioClient(1); Room room = Room.joinedBy(client, "reader")) {
            NonReader quiet = NonReader.open(room.uri("quiet"), WAIT);
            try {
                assertNotNull(room.next("\"join\"", "\"quiet\""), "the reader heard of no member named quiet");
            } finally {
                quiet.close();
            }
        }
    }

    @Test
    void closingResetsTheConnectionSoTheOthersAreToldItLeft() throws Exception {
        try (NioClient client = new NioClient(1); Room room = Room.joinedBy(client, "reader")) {
            NonReader quiet = NonReader.open(room.uri("quiet"), WAIT);
            assertNotNull(room.next("\"join\"", "\"quiet\""), "no join");
            quiet.close();
            assertNotNull(room.next("\"leave\"", "\"quiet\""), "the reader heard of no leave of quiet");
        }
    }

    @Test
    void closingTwiceDoesNothing() throws Exception {
        try (NioClient client = new NioClient(1); Room room = Room.joinedBy(client, "reader")) {
            NonReader quiet = NonReader.open(room.uri("quiet"), WAIT);
            quiet.close();
            assertDoesNotThrow(quiet::close);
        }
    }

    @Test
    void aRefusedHandshakeFailsToOpenWithTheStatus() {
        HandshakeException refused = assertThrows(HandshakeException.class,
                () -> NonReader.open(ws(SERVER.base(), "nowhere"), WAIT));
        assertEquals(404, refused.status(), refused::getMessage);
    }

    /** A room on the test server with one reading member, whose texts are kept for {@link #next}. */
    private record Room(String path, BlockingQueue<String> texts, LoadConnection reader) implements AutoCloseable {

        static Room joinedBy(NioClient client, String name) throws Exception {
            String path = "room/non-reader-" + UUID.randomUUID();
            BlockingQueue<String> texts = new LinkedBlockingQueue<>();
            LoadConnection reader = client.connect(URI.create(ws(SERVER.base(), path) + "?name=" + name), new Listener() {
                @Override
                public void onText(LoadConnection connection, ByteBuffer utf8) {
                    texts.add(Listener.text(utf8));
                }
            }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Room room = new Room(path, texts, reader);
            assertNotNull(room.next("\"welcome\""), "no welcome");
            return room;
        }

        URI uri(String name) {
            return URI.create(ws(SERVER.base(), path) + "?name=" + name);
        }

        /** The next text that contains every one of {@code parts}, skipping others; null if none comes in time. */
        String next(String... parts) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String text = texts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (text != null && Arrays.stream(parts).allMatch(text::contains)) {
                    return text;
                }
            }
            return null;
        }

        @Override
        public void close() {
            reader.close(1000, "done");
        }
    }
}
