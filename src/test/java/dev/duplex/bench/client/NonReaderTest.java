package dev.duplex.bench.client;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.testing.InJvmServer;
import dev.duplex.testing.TestSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NonReader} against duplex's real endpoints, on Tyrus's standalone server in this JVM. */
class NonReaderTest {

    @RegisterExtension
    static final InJvmServer SERVER = new InJvmServer();

    @Test
    void itBecomesARoomMemberTheOthersAreToldOf() throws Exception {
        URI room = ws(SERVER.base(), "room/non-reader-test");
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        try (NioClient client = new NioClient(1)) {
            client.connect(URI.create(room + "?name=reader"), new Listener() {
                @Override
                public void onText(Connection connection, ByteBuffer utf8) {
                    texts.add(Listener.text(utf8));
                }
            }).get(TestSocket.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(next(texts, "\"welcome\""), "no welcome");
            try (NonReader quiet = NonReader.open(URI.create(room + "?name=quiet"), TestSocket.WAIT)) {
                assertNotNull(next(texts, "\"quiet\""), "the reader heard of no member named quiet");
            }
        }
    }

    @Test
    void aRefusedHandshakeFailsToOpenWithTheStatus() {
        HandshakeException refused = assertThrows(HandshakeException.class,
                () -> NonReader.open(ws(SERVER.base(), "nowhere"), TestSocket.WAIT));
        assertEquals(404, refused.status(), refused::getMessage);
    }

    /** The next text that contains {@code part}, skipping others; null if none comes in time. */
    private static String next(BlockingQueue<String> texts, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TestSocket.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = texts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (text != null && text.contains(part)) {
                return text;
            }
        }
        return null;
    }
}
