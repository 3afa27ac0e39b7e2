package dev.duplex.room;

import dev.duplex.json.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * What a client's text means on a room. Text that starts with a brace is a command and must be valid
 * JSON and a valid command: {@code {"type":"message","text":"...","client_id":"..."}} ({@code client_id}
 * optional, 1 to 64 characters) or {@code {"type":"typing"}}. Any other text is a chat message taken
 * verbatim, so the tutorials' plain clients work unchanged.
 */
public sealed interface ClientCommand {

    /** The error codes of {@link RoomEvent.Error}. */
    String UNKNOWN_TYPE = "unknown_type";
    String MISSING_TEXT = "missing_text";
    String INVALID_JSON = "invalid_json";
    String INVALID_CLIENT_ID = "invalid_client_id";

    /** The longest {@code client_id}, in characters. */
    int CLIENT_ID_MAX = 64;

    /** {@code clientId}: null when the client chose none (a plain text has none). */
    record Say(String text, String clientId) implements ClientCommand {

        public Say(String text) {
            this(text, null);
        }
    }

    record Typing() implements ClientCommand {
    }

    record Invalid(String code, String reason) implements ClientCommand {
    }

    static ClientCommand parse(String text, JsonCodec json) {
        if (!looksLikeObject(text)) {
            return new Say(text);
        }
        Optional<JsonObject> command = json.readObject(text);
        if (command.isEmpty()) {
            return new Invalid(INVALID_JSON, "a text starting with { is a command and must be a JSON object");
        }
        JsonValue type = command.get().get("type");
        String typeName = type instanceof JsonString named ? named.getString() : "";
        return switch (typeName) {
            case "message" -> message(command.get());
            case "typing" -> new Typing();
            default -> new Invalid(UNKNOWN_TYPE,
                    "unknown command type; send {\"type\":\"message\",\"text\":\"...\"} or {\"type\":\"typing\"}");
        };
    }

    private static ClientCommand message(JsonObject command) {
        if (!(command.get("text") instanceof JsonString said)) {
            return new Invalid(MISSING_TEXT, "a message command needs a \"text\" string");
        }
        JsonValue clientId = command.get("client_id");
        if (clientId == null) {
            return new Say(said.getString(), null);
        }
        if (!(clientId instanceof JsonString id) || !validClientId(id.getString())) {
            return new Invalid(INVALID_CLIENT_ID, "\"client_id\" must be a string of 1 to " + CLIENT_ID_MAX
                    + " characters");
        }
        return new Say(said.getString(), id.getString());
    }

    private static boolean validClientId(String id) {
        int characters = id.codePointCount(0, id.length());
        return characters >= 1 && characters <= CLIENT_ID_MAX;
    }

    /** A text starting with a brace is meant as a command; anything else is chat. */
    private static boolean looksLikeObject(String text) {
        return text.stripLeading().startsWith("{");
    }
}
