package dev.duplex.room;

import jakarta.json.stream.JsonGenerator;

/**
 * One connection in a room: {@code id} is unique per connection, {@code name} is the nickname (the
 * token's name in token mode), {@code user} the token's {@code sub}, or null without tokens. A
 * message the application's backend posts comes from {@code new Member(API_ID, name, user)}.
 */
public record Member(String id, String name, String user) {

    /** The id of every message's sender that the application's backend posts: no connection has it (those are hex). */
    public static final String API_ID = "api";

    /** A member without a user: rooms without tokens. */
    public Member(String id, String name) {
        this(id, name, null);
    }

    /**
     * Who a message's {@code client_id} belongs to: the user, the same across reconnects and nodes;
     * without tokens, the connection (a reconnect is a new sender).
     */
    public String senderKey() {
        return user != null ? "u:" + user : "c:" + id;
    }

    void writeAs(String key, JsonGenerator json) {
        json.writeStartObject(key);
        writeFields(json);
        json.writeEnd();
    }

    void writeInArray(JsonGenerator json) {
        json.writeStartObject();
        writeFields(json);
        json.writeEnd();
    }

    /** {@code "id","name"} and, with tokens, {@code "user"}: the one place a member's JSON is made. */
    public void writeFields(JsonGenerator json) {
        json.write("id", id).write("name", name);
        if (user != null) {
            json.write("user", user);
        }
    }
}
