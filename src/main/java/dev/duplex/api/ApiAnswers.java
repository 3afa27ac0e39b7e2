package dev.duplex.api;

import dev.duplex.json.JsonWritable;
import dev.duplex.room.Member;
import dev.duplex.room.RoomEvent;
import dev.duplex.room.RoomHub.RoomSnapshot;
import java.util.List;

/** The API's JSON answers. Messages are written as the {@code message} events the clients get. */
final class ApiAnswers {

    private ApiAnswers() {
    }

    /** {@code 201} to a posted message: where it is in the room. */
    static JsonWritable posted(RoomEvent.ChatMessage message) {
        return json -> json.write("room", message.room()).write("id", message.id())
                .write("time", RoomEvent.TIME.format(message.time()));
    }

    static JsonWritable room(String room, RoomSnapshot snapshot) {
        return json -> {
            json.write("room", room).write("member_count", snapshot.memberCount()).writeStartArray("members");
            for (Member member : snapshot.members()) {
                json.writeStartObject();
                member.writeFields(json);
                json.writeEnd();
            }
            json.writeEnd();
        };
    }

    static JsonWritable messages(List<RoomEvent.ChatMessage> messages) {
        return json -> {
            json.writeStartArray("messages");
            for (RoomEvent.ChatMessage message : messages) {
                json.writeStartObject();
                message.writeFields(json);
                json.writeEnd();
            }
            json.writeEnd();
        };
    }

    static JsonWritable token(String token) {
        return json -> json.write("token", token);
    }
}
