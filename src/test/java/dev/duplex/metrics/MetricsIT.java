package dev.duplex.metrics;

import static dev.duplex.testing.PrometheusText.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.Deployments;
import dev.duplex.testing.HandshakeProbe;
import dev.duplex.testing.PrometheusText;
import dev.duplex.testing.Rooms;
import dev.duplex.testing.TestSocket;
import dev.duplex.testing.Urls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason.CloseCodes;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics} of the deployed WAR, scraped before and after a scripted session: each figure
 * moves by exactly what the session did. A room's rate is 1 message per second with a burst of 1,
 * so that a flood of four is allowed one, refused two, and cut off at the fourth.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration WAIT = Duration.ofSeconds(20);
    // Not EndpointPath.labels(): the integration tests see duplex only through the deployed WAR.
    private static final List<String> ENDPOINTS = List.of("echo", "rewrite", "room");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.tunedWar(Map.of("duplex.room.rate-per-second", "1", "duplex.room.rate-burst", "1"));
    }

    @ArquillianResource
    private URL deployed;

    private URI base() {
        return Deployments.loopbackUri(deployed);
    }

    @Test
    void echoTrafficIsCountedInMessagesAndBytesBothWays() throws Exception {
        Figures before = scrape();
        try (TestSocket client = TestSocket.connect(Urls.ws(base(), "echo"))) {
            client.send("hello");
            client.nextText();
            client.send("héllo"); // 6 bytes in UTF-8
            client.nextText();
            client.send(new byte[] {1, 2, 3});
            client.nextBinary();
        }
        Figures after = scrape(); // counted before the echo is sent: no wait needed
        assertEquals(3, after.movedBy(before, series("duplex_messages_received_total", "endpoint", "echo")));
        assertEquals(14, after.movedBy(before, series("duplex_received_bytes_total", "endpoint", "echo")));
        assertEquals(3, after.movedBy(before, series("duplex_messages_sent_total", "endpoint", "echo")));
        assertEquals(14, after.movedBy(before, series("duplex_sent_bytes_total", "endpoint", "echo")));
    }

    @Test
    void openConnectionsFollowEachEndpointsOpensAndCloses() throws Exception {
        Figures before = scrape();
        String echoOpen = series("duplex_connections", "endpoint", "echo");
        String rewriteOpen = series("duplex_connections", "endpoint", "rewrite");
        try (TestSocket one = TestSocket.connect(Urls.ws(base(), "echo"));
                TestSocket two = TestSocket.connect(Urls.ws(base(), "echo"));
                TestSocket bot = TestSocket.connect(Urls.ws(base(), "rewrite"))) {
            String echoAccepted = series("duplex_handshakes_accepted_total", "endpoint", "echo");
            String rewriteAccepted = series("duplex_handshakes_accepted_total", "endpoint", "rewrite");
            // The gauge counts a connection a moment before its handshake is counted accepted, and onOpen
            // runs after the 101 has reached the client, which may scrape in between: wait for both.
            Figures open = awaitFigures(figures -> figures.movedBy(before, echoOpen) == 2
                    && figures.movedBy(before, rewriteOpen) == 1 && figures.movedBy(before, echoAccepted) >= 2
                    && figures.movedBy(before, rewriteAccepted) >= 1);
            assertEquals(2, open.movedBy(before, echoAccepted));
            assertEquals(1, open.movedBy(before, rewriteAccepted));
        }
        String echoClosedNormally = series("duplex_connections_closed_total", "endpoint", "echo", "code", "1000");
        // Wait for the gauges, not for the first two closes counted: a close of an earlier test's
        // connection that the server had already let go may be counted in between (seen on Payara).
        Figures after = awaitFigures(figures -> figures.movedBy(before, echoClosedNormally) >= 2
                && figures.movedBy(before, echoOpen) == 0 && figures.movedBy(before, rewriteOpen) == 0);
        assertEquals(0, after.movedBy(before, echoOpen));
        assertEquals(0, after.movedBy(before, rewriteOpen));
    }

    @Test
    void aHandshakeFromAForeignOriginIsCountedRefusedForItsOrigin() throws Exception {
        Figures before = scrape();
        URI lobby = Urls.ws(base(), "room/lobby?name=ann");
        assertEquals(403, HandshakeProbe.send(lobby,
                HandshakeProbe.requestText(lobby, Map.of("Origin", "https://evil.example"))).status());
        Figures after = scrape();
        assertEquals(1, after.movedBy(before, series("duplex_handshakes_refused_total", "endpoint", "room", "reason", "origin")));
        assertEquals(0, after.movedBy(before, series("duplex_handshakes_accepted_total", "endpoint", "room")));
    }

    @Test
    void aFloodCountsEachRefusedMessageAndTheCutOff() throws Exception {
        Figures before = scrape();
        try (TestSocket flooder = Rooms.entered(base(), Rooms.newRoom("flood"), "flo")) {
            flooder.send("one"); // the burst's one token
            flooder.nextEvent("message");
            flooder.send("two");
            flooder.nextEvent("error");
            flooder.send("three");
            flooder.nextEvent("error");
            flooder.send("four"); // a third strike, past twice the burst
            assertEquals(CloseCodes.VIOLATED_POLICY, flooder.awaitClose().getCloseCode());
        }
        String closedForPolicy = series("duplex_connections_closed_total", "endpoint", "room", "code", "1008");
        Figures after = awaitFigures(figures -> figures.movedBy(before, closedForPolicy) == 1);
        assertEquals(4, after.movedBy(before, series("duplex_messages_received_total", "endpoint", "room")));
        assertEquals(2, after.movedBy(before, series("duplex_messages_rate_limited_total", "endpoint", "room")));
        assertEquals(1, after.movedBy(before, series("duplex_connections_closed_flooding_total", "endpoint", "room")));
    }

    @Test
    void eachRoomMessageIsOneBroadcastLatencySample() throws Exception {
        Figures before = scrape();
        String room = Rooms.newRoom("latency");
        try (TestSocket ann = Rooms.entered(base(), room, "ann"); TestSocket bob = Rooms.entered(base(), room, "bob")) {
            Figures seated = scrape();
            assertEquals(1, seated.movedBy(before, "duplex_rooms"));
            assertEquals(2, seated.movedBy(before, "duplex_room_members"));
            ann.nextEvent("join");
            ann.send("hello");
            bob.nextEvent("message");
        }
        String samples = series("duplex_broadcast_seconds_count", "layer", "memory");
        Figures after = awaitFigures(figures -> figures.movedBy(before, samples) >= 1); // recorded after the hand-off
        assertEquals(1, after.movedBy(before, samples));
        assertEquals(1, after.movedBy(before, series("duplex_broadcast_seconds_bucket", "layer", "memory", "le", "+Inf")));
    }

    @Test
    void theExpositionParsesWithThePrometheusClientsParser() throws Exception {
        String missing = PrometheusText.parserMissing();
        Assumptions.assumeTrue(missing == null, missing);
        List<String> families = PrometheusText.parse(fetch("metrics").body());
        for (String expected : List.of("duplex_connections gauge", "duplex_messages_received counter",
                "duplex_handshakes_accepted counter", "duplex_broadcast_seconds histogram",
                "duplex_outbox_largest_messages gauge", "jvm_memory_used_bytes gauge", "jvm_threads_live_threads gauge",
                "process_cpu_usage gauge")) {
            assertTrue(families.stream().anyMatch(family -> family.startsWith(expected + " ")),
                    expected + " missing from " + families);
        }
    }

    @Test
    void theMetricsAnswerInThePrometheusTextFormatAndAreNeverCached() throws Exception {
        HttpResponse<String> answer = fetch("metrics");
        String type = answer.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(Locale.ROOT);
        assertTrue(type.startsWith("text/plain;") && type.contains(";version=0.0.4") && type.contains(";charset=utf-8"), type);
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void statsGiveThePagesFiguresFromTheSameMeters() throws Exception {
        try (TestSocket client = TestSocket.connect(Urls.ws(base(), "echo"))) {
            client.send("hi");
            client.nextText();
            Figures figures = scrape();
            HttpResponse<String> answer = fetch("stats");
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonObject stats;
            try (var reader = Json.createReader(new StringReader(answer.body()))) {
                stats = reader.readObject();
            }
            for (String endpoint : ENDPOINTS) {
                assertEquals(figures.value(series("duplex_connections", "endpoint", endpoint)),
                        stats.getJsonObject("connections").getJsonNumber(endpoint).doubleValue(), endpoint);
                assertEquals(figures.value(series("duplex_messages_received_total", "endpoint", endpoint)),
                        stats.getJsonObject("messagesIn").getJsonNumber(endpoint).doubleValue(), endpoint);
                assertEquals(figures.value(series("duplex_messages_sent_total", "endpoint", endpoint)),
                        stats.getJsonObject("messagesOut").getJsonNumber(endpoint).doubleValue(), endpoint);
            }
            assertEquals(figures.value("duplex_rooms"), stats.getJsonNumber("rooms").doubleValue());
            assertEquals(figures.value("duplex_room_members"), stats.getJsonNumber("members").doubleValue());
        }
    }

    /** Each test starts from no open connection: a close reaches the server a moment after the client's. */
    @AfterEach
    void awaitEveryConnectionClosed() throws Exception {
        awaitFigures(figures -> ENDPOINTS.stream()
                .allMatch(endpoint -> figures.value(series("duplex_connections", "endpoint", endpoint)) == 0));
    }

    /** One scrape's samples; a series not yet written counts as 0. */
    private record Figures(Map<String, Double> samples) {
        double value(String series) {
            return samples.getOrDefault(series, 0.0);
        }

        double movedBy(Figures before, String series) {
            return value(series) - before.value(series);
        }
    }

    private Figures scrape() throws Exception {
        HttpResponse<String> answer = fetch("metrics");
        assertEquals(200, answer.statusCode(), answer::body);
        return new Figures(PrometheusText.samples(answer.body()));
    }

    /** Scrapes until {@code expected} holds: closes reach the server a moment after the client's. */
    private Figures awaitFigures(Predicate<Figures> expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Figures figures = scrape();
        while (!expected.test(figures)) {
            assertTrue(System.nanoTime() < deadline, "figures not reached within " + WAIT + ": " + figures);
            Thread.sleep(50);
            figures = scrape();
        }
        return figures;
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base().resolve(path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
