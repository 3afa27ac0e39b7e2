package dev.duplex.web;

import dev.duplex.auth.SignIn;
import dev.duplex.socket.Connections;
import dev.duplex.socket.EndpointPath;
import dev.duplex.socket.QueryString;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the {@link HandshakeGuard} on every WebSocket handshake to duplex's endpoints. It must run
 * before the container's own upgrade filter (Tomcat's WsFilter, Tyrus's TyrusServletFilter), so
 * that a refused handshake is never upgraded: {@link HttpRoutes} maps it there.
 */
public final class HandshakeFilter extends HttpFilter {

    private static final System.Logger LOG = System.getLogger(HandshakeFilter.class.getName());

    private final HandshakeGuard guard;
    private final Optional<SignIn> signIn;
    private final Connections connections;
    private final Runnable goodbye;

    /**
     * @param connections where a refusal is counted, under the endpoint the handshake was for
     * @param goodbye     duplex's goodbye to its clients, said when the container destroys this filter
     * @param signIn      in token mode, who may connect: the handshake needs a token that verifies
     */
    public HandshakeFilter(HandshakeGuard guard, Optional<SignIn> signIn, Connections connections, Runnable goodbye) {
        this.guard = guard;
        this.signIn = signIn;
        this.connections = connections;
        this.goodbye = goodbye;
    }

    /**
     * The web application is stopping, and duplex says goodbye here, before its listener hears of it:
     * a container destroys every filter before it tells any ServletContextListener (the Servlet
     * spec), and Tomcat's own WebSocket listener closes every session in its contextDestroyed, which
     * Tomcat calls before duplex's. So on every container each client gets what is queued for it,
     * then duplex's 1001; a room message in memory reaches all members or none (see Connections).
     */
    @Override
    public void destroy() {
        goodbye.run();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!HandshakeGuard.isWebSocketUpgrade(joined(request.getHeaders("Upgrade")))) {
            chain.doFilter(request, response);
            return;
        }
        var refusal = guard.check(request.getMethod(), name -> joined(request.getHeaders(name)))
                .or(() -> HandshakeGuard.checkNothingSentEarly(waiting(request)));
        if (refusal.isEmpty() && signIn.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (refusal.isEmpty()) {
            SignIn.Decision decision = signIn.get().decide(token(request), room(request));
            if (decision instanceof SignIn.Admitted admitted) {
                chain.doFilter(new SignedInRequest(request, admitted.identity()), response);
                return;
            }
            refusal = Optional.of(HandshakeGuard.refusal(decision));
        }
        HandshakeGuard.Refusal refused = refusal.get();
        connections.meters(endpoint(request)).refused(refused.cause());
        LOG.log(refused.status() == 400 ? Level.DEBUG : Level.INFO, "handshake to {0} from {1} refused, {2}: {3}",
                request.getRequestURI(), request.getRemoteAddr(), refused.status(), refused.reason());
        byte[] body = (refused.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(refused.status());
        refused.headers().forEach(response::setHeader);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The bearer token of the Authorization header, else of the query string; never logged. */
    private static Optional<String> token(HttpServletRequest request) {
        return SignIn.bearer(request.getHeader("Authorization")).or(() -> {
            try {
                return QueryString.first(request.getQueryString(), SignIn.TOKEN_PARAMETER);
            } catch (IllegalArgumentException brokenPercentEncoding) {
                return Optional.empty();
            }
        });
    }

    /** The room asked for ({@code lobby} of {@code /room/lobby}), decoded; null off the room endpoint. */
    private static String room(HttpServletRequest request) {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        String prefix = EndpointPath.ROOM.urlPattern().replace("*", "");
        return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }

    /** Bytes the request has waiting beyond its headers, without reading them; 0 if it cannot tell. */
    private static int waiting(HttpServletRequest request) {
        try {
            return request.getInputStream().available();
        } catch (IOException | IllegalStateException cannotTell) {
            return 0;
        }
    }

    /**
     * The endpoint as the metrics name it: {@code room} for {@code /room/lobby}. From the decoded,
     * normalized path, and one of the table's, so no client can invent new series.
     */
    private static String endpoint(HttpServletRequest request) {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return EndpointPath.matching(path).map(EndpointPath::label).orElse("other");
    }

    private static String joined(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        return String.join(",", Collections.list(values));
    }
}
