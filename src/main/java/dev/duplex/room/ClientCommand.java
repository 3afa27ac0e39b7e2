package dev.duplex.room;

import dev.duplex.json.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * What a client's text means on a room. Text that parses as a JSON object is a command and must be
 * a valid one, {@code {"type":"message","text":"..."}}; any other text is a chat message taken
 * verbatim, so the tutorials' plain clients work unchanged.
 */
public sealed interface ClientCommand {

    /** The error codes of {@link RoomEvent.Error}. */
    String UNKNOWN_TYPE = "unknown_type";
    String MISSING_TEXT = "missing_text";

    record Say(String text) implements ClientCommand {
    }

    record Invalid(String code, String reason) implements ClientCommand {
    }

    static ClientCommand parse(String text, JsonCodec json) {
        Optional<JsonObject> command = looksLikeObject(text) ? json.readObject(text) : Optional.empty();
        if (command.isEmpty()) {
            return new Say(text);
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

    /** Saves a parse attempt on the usual chat line. */
    private static boolean looksLikeObject(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("{") && trimmed.endsWith("}");
    }
}
