package dev.duplex.health;

import dev.duplex.json.JsonWritable;
import dev.duplex.room.RoomHub;
import jakarta.json.stream.JsonGenerator;
import java.time.Duration;

/**
 * What {@code GET /health} answers: {@code up} unless the group layer cannot deliver (a configured
 * Redis that is unreachable). Built from figures duplex already holds, so asking costs no I/O.
 * <pre>
 * {"status":"up","uptimeSeconds":n,"connections":n,"rooms":n,"groupLayer":{"type":"memory"|"redis","state":"up"|"down"}}
 * </pre>
 */
public record Health(Duration uptime, int connections, int rooms, RoomHub.Status groupLayer) implements JsonWritable {

    public boolean up() {
        return groupLayer.up();
    }

    @Override
    public void writeFields(JsonGenerator json) {
        json.write("status", up() ? "up" : "down")
                .write("uptimeSeconds", uptime.toSeconds())
                .write("connections", connections)
                .write("rooms", rooms)
                .writeStartObject("groupLayer")
                .write("type", groupLayer.layer())
                .write("state", groupLayer.up() ? "up" : "down")
                .writeEnd();
    }
}
