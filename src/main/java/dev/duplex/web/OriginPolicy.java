package dev.duplex.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which pages may open duplex's WebSockets. Browsers send the page's {@code Origin} with every
 * handshake and, unlike for fetch, enforce nothing themselves, so without this check any site a
 * visitor opens could use the visitor's connection (cross-site WebSocket hijacking).
 *
 * <p>Always allowed: no Origin at all (not a browser, so no visitor to abuse) and the page's own
 * origin, whose host and port are the {@code Host} the handshake came to, by http or https (a TLS
 * proxy in front changes the scheme). Also allowed: the configured origins, or any with {@code *}.
 */
public final class OriginPolicy {

    private final boolean anyOrigin;
    private final Set<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalized).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the handshake's Origin header, or null
     * @param host   the handshake's Host header, or null
     */
    public boolean allows(String origin, String host) {
        if (origin == null || anyOrigin) {
            return true;
        }
        String normalized = normalized(origin);
        return allowed.contains(normalized) || isOwn(normalized, host);
    }

    private static boolean isOwn(String normalizedOrigin, String host) {
        boolean web = normalizedOrigin.startsWith("http://") || normalizedOrigin.startsWith("https://");
        return web && host != null && !host.isBlank()
                && normalizedOrigin.substring(normalizedOrigin.indexOf("://") + 3).equals(normalizedHost(host));
    }

    /** {@code HTTPS://Example.com:443} becomes {@code https://example.com}; "null" and garbage stay as they are. */
    static String normalized(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return origin.strip();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return origin.strip();
        }
    }

    /** A Host header, lower-cased, with the default ports (80 and 443) dropped as the origin has them dropped. */
    private static String normalizedHost(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(":80") || lower.endsWith(":443") ? lower.substring(0, lower.lastIndexOf(':')) : lower;
    }
}
