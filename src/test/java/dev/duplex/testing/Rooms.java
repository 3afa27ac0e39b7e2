package dev.duplex.testing;

import static dev.duplex.testing.Urls.ws;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Room clients for tests: each test uses rooms of its own, so tests never hear each other. */
public final class Rooms {

    private Rooms() {
    }

    /** A room name no other test uses. */
    public static String newRoom(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Connects to {@code /room/{room}?name=...} of the server at {@code base}; the name may be null. */
    public static TestSocket enter(URI base, String room, String name) throws Exception {
        String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return TestSocket.connect(ws(base, "room/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + query));
    }

    /** Enters and reads the welcome, so the test (or the next member) starts from a settled room. */
    public static TestSocket entered(URI base, String room, String name) throws Exception {
        TestSocket member = enter(base, room, name);
        member.nextEvent("welcome");
        return member;
    }
}
