package dev.duplex.metrics;

import dev.duplex.json.JsonWritable;
import jakarta.json.stream.JsonGenerator;
import java.time.Duration;
import java.util.Map;

/**
 * What the page's stats view polls from {@code GET /stats}: running totals, from which the page
 * works out rates between two polls.
 * <pre>
 * {"uptimeSeconds":n,"connections":{"echo":n,"rewrite":n,"room":n},"messagesIn":{...},"messagesOut":{...},
 *  "rooms":n,"members":n}
 * </pre>
 */
public record Stats(Duration uptime, Map<String, Long> connections, Map<String, Long> messagesIn,
        Map<String, Long> messagesOut, long rooms, long members) implements JsonWritable {

    @Override
    public void writeFields(JsonGenerator json) {
        json.write("uptimeSeconds", uptime.toSeconds());
        object(json, "connections", connections);
        object(json, "messagesIn", messagesIn);
        object(json, "messagesOut", messagesOut);
        json.write("rooms", rooms).write("members", members);
    }

    private static void object(JsonGenerator json, String name, Map<String, Long> values) {
        json.writeStartObject(name);
        values.forEach(json::write);
        json.writeEnd();
    }
}
