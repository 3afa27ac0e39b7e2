package dev.duplex.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The HTTP API of a deployment at {@code base}, called as an application's backend would. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String key;

    /** With {@code key} as the bearer key; null sends no Authorization header. */
    public ApiClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    public static String room(String room) {
        return "rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    /** {@code POST rooms/{room}/messages} with {@code {"text": text}}; the answer's JSON, which must be a 201. */
    public JsonObject postMessage(String room, String text) throws Exception {
        HttpResponse<String> posted = post(room(room) + "/messages", "{\"text\":\"" + text + "\"}");
        if (posted.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + posted.statusCode() + ": " + posted.body());
        }
        return json(posted);
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/" + path)).timeout(Duration.ofSeconds(20));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
