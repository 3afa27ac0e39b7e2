package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.RoomEvent;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.socket.Outbound;
import java.time.Instant;
import java.util.Optional;

/**
 * A room message as Redis keeps it (the stream entry's {@code m}, a channel frame's JSON) and as
 * clients get it. The kept form is the clients' JSON without {@code room} and {@code id}, so a
 * message from Redis reaches the members with those two spliced in, not parsed and written again:
 * once per message on every node, the largest part of a node's own work per message.
 */
final class MessageCodec {

    private static final String HEAD = "{\"type\":\"message\",";

    private final JsonCodec json;

    MessageCodec(JsonCodec json) {
        this.json = json;
    }

    /** The kept form: {@code {"type":"message","from":…,"text":…,"time":…}}. */
    String kept(ChatMessage message) {
        return json.write(out -> {
            out.write("type", "message");
            out.writeStartObject("from");
            message.from().writeFields(out);
            out.writeEnd();
            out.write("text", message.text()).write("time", RoomEvent.TIME.format(message.time()));
        });
    }

    /** {@code "room":"…"}, escaped as JSON: made once per room. */
    String roomField(String room) {
        String object = json.write(out -> out.write("room", room));
        return object.substring(1, object.length() - 1);
    }

    /** The clients' JSON of a kept message: the same text as {@link ChatMessage}'s, made by splicing. */
    Optional<Outbound.Text> forClients(String roomField, String id, String kept) {
        if (!kept.startsWith(HEAD)) {
            return Optional.empty(); // nothing of duplex's
        }
        String text = HEAD + roomField + ",\"id\":\"" + id + "\"," + kept.substring(HEAD.length());
        return Optional.of(new Outbound.Text(text));
    }

    /** The message itself, for a welcome's history; empty when the kept form cannot be read. */
    Optional<ChatMessage> message(String room, String id, String kept) {
        return json.readObject(kept).flatMap(fields -> {
            try {
                return Optional.of(new ChatMessage(room, id, Roster.member(fields.getJsonObject("from")),
                        fields.getString("text"), Instant.parse(fields.getString("time"))));
            } catch (RuntimeException notAMessage) {
                return Optional.empty();
            }
        });
    }
}
