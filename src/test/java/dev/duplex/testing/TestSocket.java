package dev.duplex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;

/**
 * A real WebSocket client for tests (Tyrus, whatever the server): everything it receives is queued,
 * and every wait has a deadline, so a test that would hang fails instead.
 */
public final class TestSocket implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MAX_MESSAGE = 8 * 1024 * 1024;

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private TestSocket(URI uri) throws IOException {
        try {
            // A client per connection: Tyrus shuts a client's executors down when one of its
            // connections closes, which would break the others of a shared client.
            session = client().connectToServer(new Listener(), ClientEndpointConfig.Builder.create().build(),
                    percentEncodedTwice(uri));
        } catch (jakarta.websocket.DeploymentException e) {
            throw new IOException("cannot connect to " + uri, e);
        }
    }

    public static TestSocket connect(URI uri) throws IOException {
        return new TestSocket(uri);
    }

    /**
     * Tyrus's client writes the request line from the decoded path, one byte per char, so a room
     * named 聊天室 would arrive as garbage. Encoding the path's '%' once more makes the decoded path
     * the correctly encoded one. (The query is sent raw and needs nothing.)
     */
    private static URI percentEncodedTwice(URI uri) {
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath().replace("%", "%25") + query);
    }

    private static ClientManager client() {
        ClientManager client = ClientManager.createClient(GrizzlyClientContainer.class.getName());
        client.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, MAX_MESSAGE + 1024);
        client.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE);
        client.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE);
        return client;
    }

    public void send(String text) throws IOException {
        afterWrite(() -> session.getBasicRemote().sendText(text));
    }

    public void send(byte[] data) throws IOException {
        afterWrite(() -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(data)));
    }

    /** One text message sent as several WebSocket frames. */
    public void sendInFragments(String... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String part = parts[i];
            afterWrite(() -> session.getBasicRemote().sendText(part, last));
        }
    }

    /** One binary message sent as several WebSocket frames. */
    public void sendInFragments(byte[]... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            ByteBuffer part = ByteBuffer.wrap(parts[i]);
            afterWrite(() -> session.getBasicRemote().sendBinary(part, last));
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    /**
     * Runs a send whose frame Tyrus writes before it re-arms the session's idle timer. When the
     * server answers that frame by closing (as it does for bad input), the client may already have
     * shut its executors down, and re-arming fails with RejectedExecutionException although the
     * frame went out (eclipse-ee4j/tyrus#640). The test then checks the close it expects.
     */
    private void afterWrite(Write write) throws IOException {
        try {
            write.run();
        } catch (RejectedExecutionException lateTimerAfterServerClose) {
            // the frame was written; see above
        }
    }

    public String nextText() throws InterruptedException {
        return assertInstanceOf(String.class, next(), "expected a text message");
    }

    public byte[] nextBinary() throws InterruptedException {
        return assertInstanceOf(byte[].class, next(), "expected a binary message");
    }

    public JsonObject nextJson() throws InterruptedException {
        String text = nextText();
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The next JSON event, which must be of {@code type}. */
    public JsonObject nextEvent(String type) throws InterruptedException {
        JsonObject event = nextJson();
        assertEquals(type, event.getString("type"), () -> "event " + event);
        return event;
    }

    private Object next() throws InterruptedException {
        Object message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(message, () -> "no message within " + WAIT + closedBy());
        return message;
    }

    /** Why nothing came, if the server closed the connection: a close is not a silence. */
    private String closedBy() {
        return closed.isDone() && !closed.isCompletedExceptionally() ? ", closed by the server: " + closed.join() : "";
    }

    /** The next JSON message if one arrives within {@code wait}: for polling until something works. */
    public java.util.Optional<JsonObject> nextJsonWithin(Duration wait) throws InterruptedException {
        Object message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            return java.util.Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(assertInstanceOf(String.class, message)))) {
            return java.util.Optional.of(reader.readObject());
        }
    }

    /** The next event of {@code type} within {@code wait}, passing over events of other types. */
    public JsonObject awaitEvent(String type, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            java.util.Optional<JsonObject> event = nextJsonWithin(Duration.ofNanos(Math.max(left, 0)));
            assertTrue(event.isPresent(), () -> "no " + type + " event within " + wait);
            if (event.get().getString("type").equals(type)) {
                return event.get();
            }
        }
    }

    /** Nothing arrives within {@code quiet}: for "this client is not told" checks. */
    public void assertNothingWithin(Duration quiet) throws InterruptedException {
        assertNull(received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS), "unexpected message");
    }

    /** The close the server sent, waited for. */
    public CloseReason awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server's close has arrived. */
    public boolean closeArrived() {
        return closed.isDone();
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }

    private final class Listener extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                received.add(copy);
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }

        @Override
        public void onError(Session session, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
