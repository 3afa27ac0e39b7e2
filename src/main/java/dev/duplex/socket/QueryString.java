package dev.duplex.socket;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a parameter of a handshake's query string as UTF-8. {@code Session.getRequestParameterMap()}
 * leaves the charset to the container, and Payara decodes {@code ?name=%E5%B0%8F} as ISO-8859-1,
 * so duplex decodes the raw query itself, the same on every container.
 */
public final class QueryString {

    private QueryString() {
    }

    /**
     * The first value of {@code name} in {@code rawQuery} (may be null), decoded; empty if absent.
     *
     * @throws IllegalArgumentException if the value's percent-encoding is broken
     */
    public static Optional<String> first(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
