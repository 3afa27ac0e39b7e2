package dev.duplex.web;

import static dev.duplex.testing.Urls.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.testing.NodeProcess;
import dev.duplex.testing.Rooms;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A node's process told to stop with SIGTERM, as {@code systemctl stop}, {@code docker stop} and
 * Kubernetes do, with 50 clients on the built WAR: 15 on echo, 15 on rewrite, four rooms of five.
 * One member of each room speaks just before the signal. Every client gets duplex's 1001, and each
 * room's last message reaches every member, its sender included (its copy is its receipt), or none.
 */
class SigtermProcessIT {

    private static final int ROOMS = 4;
    private static final int MEMBERS = 5;
    private static final int ECHO = 15;
    private static final int REWRITE = 15;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GOODBYE = "1001 server shutting down";

    @Test
    void onTomcatEveryClientGets1001AndEachRoomsLastMessageReachesAllItsMembersOrNone() throws Exception {
        stopWithSigterm(NodeProcess.tomcat("tomcat-sigterm"));
    }

    @Test
    void onPayaraMicroEveryClientGets1001AndEachRoomsLastMessageReachesAllItsMembersOrNone() throws Exception {
        stopWithSigterm(NodeProcess.payara("payara-sigterm"));
    }

    private static void stopWithSigterm(NodeProcess node) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Client> everyone = new ArrayList<>();
        Map<String, List<Client>> rooms = new TreeMap<>();
        try (node) {
            for (int r = 0; r < ROOMS; r++) {
                String room = Rooms.newRoom("sigterm");
                List<Client> members = new ArrayList<>();
                for (int m = 0; m < MEMBERS; m++) {
                    URI uri = ws(node.base(), "room/" + room + "?name=" + URLEncoder.encode("m" + m, StandardCharsets.UTF_8));
                    Client member = Client.connect(http, uri);
                    member.awaitText(text -> text.contains("\"welcome\""));
                    members.add(member);
                }
                rooms.put(room, members);
                everyone.addAll(members);
            }
            for (int i = 0; i < ECHO + REWRITE; i++) {
                Client client = Client.connect(http, ws(node.base(), i < ECHO ? "echo" : "rewrite"));
                client.socket.sendText("在吗？", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                client.awaitText(text -> true); // answered: the server holds the connection
                everyone.add(client);
            }
            for (Map.Entry<String, List<Client>> room : rooms.entrySet()) {
                room.getValue().get(0).socket.sendText(lastWords(room.getKey()), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } // SIGTERM to the node's java process (Process.destroy), then waits for it to end

        Map<String, Long> closes = new TreeMap<>(everyone.stream()
                .collect(Collectors.groupingBy(Client::awaitClose, Collectors.counting())));
        assertEquals(Map.of(GOODBYE, (long) everyone.size()), closes, "close codes and reasons, with how many got each");
        for (Map.Entry<String, List<Client>> room : rooms.entrySet()) {
            String said = lastWords(room.getKey());
            long reached = room.getValue().stream().filter(member -> member.chat().contains(said)).count();
            assertTrue(reached == 0 || reached == MEMBERS, () -> room.getKey() + ": its last message reached " + reached
                    + " of its " + MEMBERS + " members, sender included");
        }
    }

    private static String lastWords(String room) {
        return "last words in " + room;
    }

    /** A client on the JDK's WebSocket client: what it receives, in order, and how it was closed. */
    private static final class Client implements WebSocket.Listener {
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final List<String> received = new ArrayList<>(); // guarded by this
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client connect(HttpClient http, URI uri) throws Exception {
            Client client = new Client();
            client.socket = http.newWebSocketBuilder().buildAsync(uri, client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return client;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                synchronized (this) {
                    received.add(partial.toString());
                }
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** Code and reason; the JDK's client reports a connection lost without a close frame as 1006. */
        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("no close: " + error);
        }

        void awaitText(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String text = texts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertTrue(text != null, "nothing wanted arrived within " + WAIT);
                if (wanted.test(text)) {
                    return;
                }
            }
        }

        String awaitClose() {
            try {
                return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                return "no close within " + WAIT.toSeconds() + " s";
            }
        }

        /** The texts of the room messages it received. */
        synchronized List<String> chat() {
            return received.stream().map(Client::json).filter(event -> event.getString("type").equals("message"))
                    .map(event -> event.getString("text")).toList();
        }

        private static JsonObject json(String text) {
            try (var reader = Json.createReader(new StringReader(text))) {
                return reader.readObject();
            }
        }
    }
}
