package dev.duplex.api;

import dev.duplex.auth.TokenRequest;
import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the API's POST bodies must hold, read into plain values; anything else is a 400 that says why. */
final class ApiBodies {

    /** Who a message of the backend's is from when the body names nobody. */
    static final Member SERVER = new Member(Member.API_ID, "server", null);
    static final Duration LONGEST_TOKEN = Duration.ofDays(30);
    private static final Duration DEFAULT_TOKEN = Duration.ofHours(1);

    private final JsonCodec json;
    private final int maxTextBytes;

    ApiBodies(JsonCodec json, int maxTextBytes) {
        this.json = json;
        this.maxTextBytes = maxTextBytes;
    }

    record PostedMessage(String text, Member from) {
    }

    /** {@code {"text", "from": {"user","name"}?}} */
    PostedMessage message(byte[] body) {
        JsonObject fields = object(body);
        if (!(fields.get("text") instanceof JsonString text) || text.getString().isEmpty()) {
            throw ApiProblem.badRequest("\"text\" must be a non-empty string");
        }
        if (text.getString().getBytes(StandardCharsets.UTF_8).length > maxTextBytes) {
            throw new ApiProblem(413, "too_large", "a message may hold at most " + maxTextBytes + " bytes (UTF-8)");
        }
        JsonValue from = fields.get("from");
        if (from == null || from == JsonValue.NULL) {
            return new PostedMessage(text.getString(), SERVER);
        }
        if (!(from instanceof JsonObject sender) || !(sender.get("user") instanceof JsonString user)
                || user.getString().isBlank()) {
            throw ApiProblem.badRequest("\"from\" must be {\"user\": \"...\", \"name\": \"...\"} with a user");
        }
        String name = sender.get("name") instanceof JsonString named && !named.getString().isBlank()
                ? named.getString() : user.getString();
        return new PostedMessage(text.getString(), new Member(Member.API_ID, name, user.getString()));
    }

    /** {@code {"sub","name","rooms","publish","ttl_seconds"}} */
    TokenRequest token(byte[] body) {
        JsonObject fields = object(body);
        if (!(fields.get("sub") instanceof JsonString sub) || sub.getString().isBlank()) {
            throw ApiProblem.badRequest("\"sub\" must be a non-empty string: the user id");
        }
        String name = optionalString(fields, "name");
        Duration ttl = DEFAULT_TOKEN;
        if (fields.containsKey("ttl_seconds")) {
            if (!(fields.get("ttl_seconds") instanceof JsonNumber seconds) || !seconds.isIntegral()
                    || seconds.longValue() < 1 || seconds.longValue() > LONGEST_TOKEN.toSeconds()) {
                throw ApiProblem.badRequest("\"ttl_seconds\" must be a whole number from 1 to " + LONGEST_TOKEN.toSeconds());
            }
            ttl = Duration.ofSeconds(seconds.longValue());
        }
        return new TokenRequest(sub.getString(), name, patterns(fields, "rooms"), patterns(fields, "publish"), ttl);
    }

    private JsonObject object(byte[] body) {
        return json.readObject(new String(body, StandardCharsets.UTF_8))
                .orElseThrow(() -> ApiProblem.badRequest("the body must be one JSON object"));
    }

    private static String optionalString(JsonObject fields, String key) {
        JsonValue value = fields.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw ApiProblem.badRequest("\"" + key + "\" must be a string");
        }
        return string.getString();
    }

    /** A list of room patterns, or null when absent (the token then carries no such claim). */
    private static List<String> patterns(JsonObject fields, String key) {
        JsonValue value = fields.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiProblem.badRequest("\"" + key + "\" must be an array of room patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString pattern) || pattern.getString().isEmpty()) {
                throw ApiProblem.badRequest("\"" + key + "\" must hold non-empty strings");
            }
            patterns.add(pattern.getString());
        }
        return patterns;
    }
}
