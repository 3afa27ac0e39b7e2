package dev.duplex.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A room member on the JDK's own WebSocket client, for tests with thousands of members: all share
 * one {@link HttpClient} and its few threads. It keeps the chat messages it receives, in order, with their arrival times.
 */
public final class LightMember implements WebSocket.Listener {

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private WebSocket socket;

    private final URI uri;

    private LightMember(URI uri) {
        this.uri = uri;
    }

    /** Starts entering {@code room} on the node at {@code base}; complete once the welcome came. */
    public static CompletableFuture<LightMember> enter(HttpClient client, URI base, String room, String name) {
        URI uri = Urls.ws(base, "room/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        LightMember member = new LightMember(uri);
        return client.newWebSocketBuilder().buildAsync(uri, member)
                .thenCompose(socket -> member.welcomed.thenApply(welcome -> member));
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        try {
            take(data, last);
        } catch (RuntimeException e) {
            welcomed.completeExceptionally(e);
            throw e;
        }
        webSocket.request(1);
        return null;
    }

    private void take(CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonObject event;
            try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                event = reader.readObject(); // the ITs see the WAR only, not duplex's classes
            }
            partial.setLength(0);
            switch (event.getString("type")) {
                case "message" -> arrivals.add(new Arrival(event.getString("text"), System.nanoTime()));
                case "welcome" -> welcomed.complete(null);
                default -> { } // joins and leaves: not what these tests count
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        welcomed.completeExceptionally(new IllegalStateException("closed before the welcome: " + uri + " " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        welcomed.completeExceptionally(error);
    }

    public CompletableFuture<WebSocket> send(String text) {
        return socket.sendText(text, true);
    }

    /** The texts of the chat messages received so far, in order. */
    public List<String> messageTexts() {
        return arrivals.stream().map(Arrival::text).toList();
    }

    /** A chat message's text and when it arrived ({@link System#nanoTime}). */
    public record Arrival(String text, long nanos) {
    }

    /** The chat messages received so far with their arrival times, in order. */
    public List<Arrival> arrivals() {
        return arrivals;
    }

    public CompletableFuture<WebSocket> close() {
        return socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
