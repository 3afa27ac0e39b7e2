package dev.duplex.api;

import java.util.Optional;

/**
 * The calls of the HTTP API, by method and path under {@code /api}: what {@link ApiServlet}
 * dispatches on. Path segments arrive decoded from the container; a room or user name is checked
 * where it is used.
 */
sealed interface ApiRoute {

    /** {@code POST /api/rooms/{room}/messages} */
    record PostMessage(String room) implements ApiRoute {
    }

    /** {@code GET /api/rooms/{room}} */
    record DescribeRoom(String room) implements ApiRoute {
    }

    /** {@code GET /api/rooms/{room}/messages} */
    record ListMessages(String room) implements ApiRoute {
    }

    /** {@code DELETE /api/rooms/{room}/members/{user}} */
    record RemoveMember(String room, String user) implements ApiRoute {
    }

    /** {@code POST /api/tokens} */
    record MintToken() implements ApiRoute {
    }

    /** The route for {@code method} and {@code path} (the servlet's path info), or empty: 404. */
    static Optional<ApiRoute> of(String method, String path) {
        String[] parts = path == null ? new String[0] : path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
        if (parts.length == 1 && parts[0].equals("tokens") && method.equals("POST")) {
            return Optional.of(new MintToken());
        }
        if (parts.length < 2 || !parts[0].equals("rooms") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String room = parts[1];
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        ApiRoute route = switch (method + " " + (parts.length == 4 && parts[2].equals("members") ? "members/*" : rest)) {
            case "GET " -> new DescribeRoom(room);
            case "GET messages" -> new ListMessages(room);
            case "POST messages" -> new PostMessage(room);
            case "DELETE members/*" -> parts[3].isEmpty() ? null : new RemoveMember(room, parts[3]);
            default -> null;
        };
        return Optional.ofNullable(route);
    }
}
