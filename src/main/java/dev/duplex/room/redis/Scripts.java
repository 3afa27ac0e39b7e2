package dev.duplex.room.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** The Lua scripts, each a resource of its own beside this class, read once. */
enum Scripts {
    PUBLISH_MESSAGE("publish_message.lua"),
    ADD_MEMBER("add_member.lua"),
    REMOVE_MEMBER("remove_member.lua");

    private final String source;

    Scripts(String file) {
        try (InputStream in = Scripts.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + file);
            }
            // Sent with every call: without the comments, which are for the reader of the file.
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String source() {
        return source;
    }
}
