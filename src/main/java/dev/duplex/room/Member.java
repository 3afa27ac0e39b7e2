package dev.duplex.room;

import jakarta.json.stream.JsonGenerator;

/** One connection in a room: {@code id} is unique per connection, {@code name} is the nickname. */
public record Member(String id, String name) {

    void writeAs(String key, JsonGenerator json) {
        json.writeStartObject(key).write("id", id).write("name", name).writeEnd();
    }

    void writeInArray(JsonGenerator json) {
        json.writeStartObject().write("id", id).write("name", name).writeEnd();
    }
}
