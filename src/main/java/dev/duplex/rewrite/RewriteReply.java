package dev.duplex.rewrite;

import dev.duplex.json.JsonWritable;
import jakarta.json.stream.JsonGenerator;

/**
 * What /rewrite sends back for each message, field for field as in the tutorial:
 * {@code {"time":"2026.11.22 09:05:03","server_msg":"在!","client_msg":"在吗?"}}.
 */
public record RewriteReply(String time, String serverMessage, String clientMessage) implements JsonWritable {

    @Override
    public void writeFields(JsonGenerator json) {
        json.write("time", time).write("server_msg", serverMessage).write("client_msg", clientMessage);
    }
}
