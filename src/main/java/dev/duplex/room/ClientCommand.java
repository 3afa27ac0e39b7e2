package dev.duplex.room;

import dev.duplex.json.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * What a client's text means on a room. Text that starts with a brace is a command and must be valid
 * JSON and a valid command, {@code {"type":"message","text":"..."}}; any other text is a chat message taken
 * verbatim, so the tutorials' plain clients work unchanged.
 */
public sealed interface ClientCommand {

    /** The error codes of {@link RoomEvent.Error}. */
    String UNKNOWN_TYPE = "unknown_type";
    String MISSING_TEXT = "missing_text";
    String INVALID_JSON = "invalid_json";

    record Say(String text) implements ClientCommand {
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
        if (!(type instanceof JsonString typeName) || !typeName.getString().equals("message")) {
            return new Invalid(UNKNOWN_TYPE, "unknown command type; send {\"type\":\"message\",\"text\":\"...\"}");
        }
        if (!(command.get().get("text") instanceof JsonString said)) {
            return new Invalid(MISSING_TEXT, "a message command needs a \"text\" string");
        }
        return new Say(said.getString());
    }

    /** A text starting with a brace is meant as a command; anything else is chat. */
    private static boolean looksLikeObject(String text) {
        return text.stripLeading().startsWith("{");
    }
}
