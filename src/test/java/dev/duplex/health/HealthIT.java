package dev.duplex.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.DeployedWar;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /health} of the deployed WAR, with rooms in memory (no Redis configured). */
class HealthIT extends DeployedWar {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void healthAnswers200WithJsonNamingTheInMemoryGroupLayer() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base().resolve("health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), answer::toString);
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
        JsonObject health;
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            health = reader.readObject();
        }
        assertEquals("up", health.getString("status"));
        assertEquals("memory", health.getJsonObject("groupLayer").getString("type"));
        assertEquals("up", health.getJsonObject("groupLayer").getString("state"));
        assertTrue(health.getInt("uptimeSeconds") >= 0 && health.getInt("connections") >= 0, health::toString);
    }
}
