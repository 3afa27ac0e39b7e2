package dev.duplex.auth;

import java.security.Principal;
import java.time.Instant;

/**
 * Who a verified token says is connecting, and where they may go. It travels from the handshake
 * filter to the endpoints as the request's user principal, the one carrier both containers hand to
 * {@code Session#getUserPrincipal()}.
 *
 * @param user      the token's {@code sub}: the application's user id
 * @param name      the display name ({@code name} claim; the user id when absent)
 * @param rooms     rooms the user may join
 * @param publish   rooms the user may send messages to
 * @param expiresAt the token's {@code exp}: the connection is closed then
 */
public record Identity(String user, String name, RoomPatterns rooms, RoomPatterns publish, Instant expiresAt)
        implements Principal {

    /** The user id, as a principal's name; {@link #name} is the display name. */
    @Override
    public String getName() {
        return user;
    }

    public boolean mayJoin(String room) {
        return rooms.allows(room);
    }

    public boolean mayPublish(String room) {
        return publish.allows(room);
    }
}
