package dev.duplex.socket;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * duplex's WebSocket endpoints: the one table of their names and paths. The endpoints register and
 * count themselves under these names, the handshake filter and the plain-HTTP servlets are mapped
 * to these paths, and the stats list them in this order.
 */
public enum EndpointPath {

    ECHO("echo", "/echo"),
    REWRITE("rewrite", "/rewrite"),
    ROOM("room", "/room/{group}");

    private final String label;
    private final String path;

    EndpointPath(String label, String path) {
        this.label = label;
        this.path = path;
    }

    /** The endpoint's name in the metrics' {@code endpoint} tag, the stats and the logs. */
    public String label() {
        return label;
    }

    /** The WebSocket path, relative to the context root; a template when it takes parameters. */
    public String path() {
        return path;
    }

    /**
     * The servlet URL pattern for the same requests: the path up to its first parameter, then
     * {@code /*}. {@code /room/{group}} becomes {@code /room/*}.
     */
    public String urlPattern() {
        int parameter = path.indexOf("/{");
        return parameter < 0 ? path : path.substring(0, parameter) + "/*";
    }

    /** Every endpoint's {@link #urlPattern()}, in the table's order. */
    public static String[] urlPatterns() {
        return Arrays.stream(values()).map(EndpointPath::urlPattern).toArray(String[]::new);
    }

    /** Every endpoint's {@link #label()}, in the table's order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(EndpointPath::label).toList();
    }

    /**
     * The endpoint whose {@link #urlPattern()} matches a request's path (servlet path and path
     * info) as the servlet specification matches it: {@code /room/lobby} and {@code /room} are
     * {@link #ROOM}. Empty for any other path.
     */
    public static Optional<EndpointPath> matching(String requestPath) {
        return Arrays.stream(values()).filter(endpoint -> endpoint.matches(requestPath)).findFirst();
    }

    private boolean matches(String requestPath) {
        String pattern = urlPattern();
        if (!pattern.endsWith("/*")) {
            return requestPath.equals(pattern);
        }
        String prefix = pattern.substring(0, pattern.length() - "/*".length());
        return requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
    }
}
