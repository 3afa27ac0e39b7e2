package dev.duplex.auth;

import dev.duplex.socket.Admittance;
import dev.duplex.socket.QueryString;
import jakarta.websocket.Session;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Token mode, as a connection opens. On a servlet container the handshake filter has verified the
 * token already and handed the {@link Identity} over as the session's user principal: it is taken
 * as it is. Where no filter ran (Tyrus's standalone server) the token in the query string is
 * verified here, and a refusal becomes a close with 1008, since the handshake is past.
 */
public final class TokenAdmittance implements Admittance {

    private static final String ROOM_PARAMETER = "group";

    private final SignIn signIn;

    public TokenAdmittance(SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Verdict judge(Session session) {
        if (session.getUserPrincipal() instanceof Identity identity) {
            return admitted(identity);
        }
        Optional<String> token;
        try {
            token = QueryString.first(session.getQueryString(), SignIn.TOKEN_PARAMETER);
        } catch (IllegalArgumentException brokenPercentEncoding) {
            token = Optional.empty();
        }
        SignIn.Decision decision = signIn.decide(token, room(session));
        if (decision instanceof SignIn.Admitted admitted) {
            return admitted(admitted.identity());
        }
        if (decision instanceof SignIn.Forbidden forbidden) {
            return new Refused(SignIn.FORBIDDEN, "forbidden: " + forbidden.reason());
        }
        return new Refused(SignIn.UNAUTHORIZED, "unauthorized: " + ((SignIn.Unauthorized) decision).reason());
    }

    private static Verdict admitted(Identity identity) {
        return new Admitted(identity, identity.expiresAt());
    }

    /** The room path parameter, decoded where the container left it percent-encoded; null off a room. */
    private static String room(Session session) {
        String room = session.getPathParameters().get(ROOM_PARAMETER);
        if (room == null || room.indexOf('%') < 0) {
            return room;
        }
        try {
            return URLDecoder.decode(room.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException broken) {
            return room; // the room endpoint refuses the name itself
        }
    }
}
