package dev.duplex.auth;

import java.time.Clock;
import java.util.Optional;

/**
 * Whether a WebSocket handshake in token mode may go on: a valid token, that grants the room asked
 * for. The one decision, made by the handshake filter before the upgrade (401 or 403), and again
 * when the connection opens where no filter ran (see {@link TokenAdmittance}).
 */
public final class SignIn {

    /** The query parameter a browser passes the token in: it cannot set headers on a WebSocket. */
    public static final String TOKEN_PARAMETER = "access_token";

    /** What the metrics count refusals under. */
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";

    private final TokenVerifier verifier;
    private final Clock clock;

    public SignIn(TokenVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    public sealed interface Decision permits Admitted, Unauthorized, Forbidden {
    }

    public record Admitted(Identity identity) implements Decision {
    }

    /** No token, or one that does not verify: {@code reason} says why, never what the token was. */
    public record Unauthorized(String reason) implements Decision {
    }

    /** A valid token that does not grant the room. */
    public record Forbidden(String reason) implements Decision {
    }

    /**
     * @param bearerToken the token from {@code Authorization: Bearer}, else from {@link #TOKEN_PARAMETER}
     * @param room        the room asked for, or null for an endpoint that is not a room
     */
    public Decision decide(Optional<String> bearerToken, String room) {
        if (bearerToken.isEmpty() || bearerToken.get().isBlank()) {
            return new Unauthorized("a token is required: " + TOKEN_PARAMETER + "=... or Authorization: Bearer ...");
        }
        Identity identity;
        try {
            identity = verifier.verify(bearerToken.get().strip());
        } catch (InvalidTokenException e) {
            return new Unauthorized(e.getMessage());
        }
        // The verifier allows 60 s of clock skew; a connection still ends at exp by this server's
        // clock, so a token past it would be let in only to be closed at once: refuse it here.
        if (!identity.expiresAt().isAfter(clock.instant())) {
            return new Unauthorized("token expired");
        }
        if (room != null && !identity.mayJoin(room)) {
            return new Forbidden("the token does not grant this room");
        }
        return new Admitted(identity);
    }

    /** The token of an {@code Authorization} header's {@code Bearer} scheme, if that is what it holds. */
    public static Optional<String> bearer(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String value = authorizationHeader.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        return Optional.of(value.substring(space + 1).strip());
    }
}
