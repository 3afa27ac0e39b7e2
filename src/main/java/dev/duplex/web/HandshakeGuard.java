package dev.duplex.web;

import dev.duplex.auth.SignIn;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Decides, before the container upgrades it, whether a WebSocket handshake may proceed: the same
 * answer, with a clear HTTP status, on every container. In order: a well-formed RFC 6455 handshake
 * (else 405, 400 or 426), an allowed Origin (else 403), room on this node (else 503).
 */
public final class HandshakeGuard {

    /**
     * The answer to a refused handshake: status, a one-line reason for the body, extra headers, and
     * the {@code cause} the metrics count it under.
     */
    public record Refusal(int status, String reason, Map<String, String> headers, String cause) {
        Refusal(int status, String reason, String cause) {
            this(status, reason, Map.of(), cause);
        }
    }

    static final String VERSION = "13";
    private static final int KEY_BYTES = 16;

    private final OriginPolicy origins;
    private final BooleanSupplier full;

    public HandshakeGuard(OriginPolicy origins, BooleanSupplier full) {
        this.origins = origins;
        this.full = full;
    }

    /** Whether the request asks for a WebSocket at all; other requests are not the guard's business. */
    public static boolean isWebSocketUpgrade(String upgradeHeader) {
        return upgradeHeader != null && hasToken(upgradeHeader, "websocket");
    }

    /**
     * The handshake came with bytes after it, a frame sent before the server's 101: RFC 6455 (4.1)
     * has the client wait for the answer first. Tomcat would take the frame after the upgrade, but
     * Payara's upgrade deadlocks on it: Payara (InputBuffer#setReadListener) calls Tyrus's
     * onDataAvailable on the spot when data is waiting, and Tyrus's upgrade handler (init) waits
     * there for its own init to finish, so the connection never answers and a server thread stays
     * blocked for good; 200 such handshakes stop Payara Micro. Refused before the upgrade instead,
     * and the connection closed, since what follows is no HTTP request.
     *
     * @param waitingBytes what the request has to read beyond its headers; a handshake has no body
     */
    public static Optional<Refusal> checkNothingSentEarly(int waitingBytes) {
        if (waitingBytes > 0) {
            return Optional.of(new Refusal(400, "data sent before the handshake's answer: wait for the 101 (RFC 6455, 4.1)",
                    Map.of("Connection", "close"), "malformed"));
        }
        return Optional.empty();
    }

    /**
     * The answer to a handshake the sign-in turned away: 401 with the RFC 6750 challenge when the
     * token is missing or does not verify, 403 when it does not grant the room.
     */
    public static Refusal refusal(SignIn.Decision decision) {
        if (decision instanceof SignIn.Forbidden forbidden) {
            return new Refusal(403, forbidden.reason(), SignIn.FORBIDDEN);
        }
        String reason = ((SignIn.Unauthorized) decision).reason();
        String challenge = "Bearer error=\"invalid_token\", error_description=\"" + reason.replace('"', '\'') + "\"";
        return new Refusal(401, reason, Map.of("WWW-Authenticate", challenge), SignIn.UNAUTHORIZED);
    }

    /**
     * @param method  the request's method
     * @param headers a request header's values by name, joined with commas; null when absent
     */
    public Optional<Refusal> check(String method, UnaryOperator<String> headers) {
        if (!"GET".equals(method)) {
            return Optional.of(new Refusal(405, "a WebSocket handshake is a GET request", Map.of("Allow", "GET"), "method"));
        }
        String connection = headers.apply("Connection");
        if (connection == null || !hasToken(connection, "upgrade")) {
            return Optional.of(new Refusal(400, "a WebSocket handshake needs the header Connection: Upgrade", "malformed"));
        }
        if (!VERSION.equals(strip(headers.apply("Sec-WebSocket-Version")))) {
            return Optional.of(new Refusal(426, "only WebSocket version 13 is spoken here",
                    Map.of("Sec-WebSocket-Version", VERSION), "version"));
        }
        if (!validKey(headers.apply("Sec-WebSocket-Key"))) {
            return Optional.of(new Refusal(400, "Sec-WebSocket-Key must be 16 bytes in base64", "malformed"));
        }
        String origin = headers.apply("Origin");
        if (!origins.allows(origin, headers.apply("Host"))) {
            return Optional.of(new Refusal(403, "origin not allowed: " + origin, "origin"));
        }
        if (full.getAsBoolean()) {
            return Optional.of(new Refusal(503, "server full, try again later", Map.of("Retry-After", "10"), "full"));
        }
        return Optional.empty();
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.strip()).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean hasToken(String commaList, String token) {
        return Arrays.stream(commaList.split(",")).map(String::strip)
                .anyMatch(item -> item.toLowerCase(Locale.ROOT).equals(token));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
