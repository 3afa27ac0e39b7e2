package dev.duplex.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may read {@code /metrics}: callers on the loopback interface (a Prometheus agent or an
 * operator on the machine), and others only with the configured bearer token. Without a token,
 * loopback only.
 */
public final class MetricsAccess {

    private static final String BEARER = "Bearer ";
    // An IP literal as the servlet API gives the remote address: looked at without any DNS lookup.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final Optional<String> token;

    public MetricsAccess(Optional<String> token) {
        this.token = token;
    }

    /**
     * @param remoteAddress the caller's IP address, as {@code ServletRequest.getRemoteAddr()} gives it
     * @param authorization its {@code Authorization} header, or null
     */
    public boolean allows(String remoteAddress, String authorization) {
        return isLoopback(remoteAddress) || hasToken(authorization);
    }

    private static boolean isLoopback(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    private boolean hasToken(String authorization) {
        if (token.isEmpty() || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time: how long the comparison takes says nothing about how much of the token matched.
        return MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8));
    }
}
