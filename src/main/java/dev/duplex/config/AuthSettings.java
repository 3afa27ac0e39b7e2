package dev.duplex.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Who may connect: anyone ({@code duplex.auth=none}, the default), or only a client with a signed
 * token ({@code token}), verified with a shared secret (HS256) or the public keys of a JWKS.
 *
 * @param mode     none or token
 * @param secret   the HS256 secret, at least {@value #MIN_SECRET_BYTES} bytes of UTF-8; token mode only
 * @param jwks     where the public keys are: an http(s) URL, a file: URL or a file path; token mode only
 * @param issuer   the {@code iss} every token must carry; empty: not checked
 * @param audience the {@code aud} every token must name; empty: not checked
 */
public record AuthSettings(
        Mode mode,
        Optional<String> secret,
        Optional<String> jwks,
        Optional<String> issuer,
        Optional<String> audience) {

    /** HS256's key is 256 bits; a shorter secret could be guessed offline from any token. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    public enum Mode {
        NONE, TOKEN
    }

    public AuthSettings {
        if (mode == Mode.NONE && (secret.isPresent() || jwks.isPresent())) {
            throw new IllegalArgumentException("duplex.auth is none, so duplex.auth.secret and duplex.auth.jwks would be"
                    + " ignored and anyone could connect: set duplex.auth=token, or remove the key");
        }
        if (mode == Mode.TOKEN && secret.isEmpty() && jwks.isEmpty()) {
            throw new IllegalArgumentException("duplex.auth=token needs a key to verify tokens with: set"
                    + " duplex.auth.secret (HS256, at least " + MIN_SECRET_BYTES + " bytes) or duplex.auth.jwks"
                    + " (the URL or file of the public keys, RS256 or ES256)");
        }
        if (secret.isPresent() && jwks.isPresent()) {
            throw new IllegalArgumentException("set one of duplex.auth.secret and duplex.auth.jwks, not both:"
                    + " a token is verified with either the shared secret or the public keys");
        }
        secret.ifPresent(AuthSettings::checkSecret);
        jwks.ifPresent(AuthSettings::checkJwks);
    }

    public static AuthSettings none() {
        return new AuthSettings(Mode.NONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static AuthSettings read(ConfigReader config) {
        return new AuthSettings(
                config.get("duplex.auth").map(AuthSettings::mode).orElse(Mode.NONE),
                config.get("duplex.auth.secret"),
                config.get("duplex.auth.jwks"),
                config.get("duplex.auth.issuer"),
                config.get("duplex.auth.audience"));
    }

    /** Whether a JWKS names an http(s) address rather than a file. */
    public static boolean isHttp(String jwks) {
        String lower = jwks.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** For the start-up log: never the secret itself. */
    public String summary() {
        return switch (mode) {
            case NONE -> "none";
            case TOKEN -> "token (" + secret.map(s -> "HS256").orElseGet(() -> "JWKS " + jwks.orElseThrow()) + ")"
                    + issuer.map(iss -> " issuer " + iss).orElse("")
                    + audience.map(aud -> " audience " + aud).orElse("");
        };
    }

    private static Mode mode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Mode.NONE;
            case "token" -> Mode.TOKEN;
            default -> throw new IllegalArgumentException("duplex.auth must be none or token, was '" + value + "'");
        };
    }

    private static void checkSecret(String secret) {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("duplex.auth.secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (UTF-8) for HS256, was " + bytes + ": use a random one, e.g. `openssl rand -base64 48`");
        }
    }

    private static void checkJwks(String jwks) {
        if (isHttp(jwks)) {
            checkUri(jwks, uri -> uri.getHost() != null);
            // Keys fetched in the clear could be swapped on the way for keys that sign anyone in.
            if (!jwks.regionMatches(true, 0, "https:", 0, 6) && !isLoopback(URI.create(jwks).getHost())) {
                throw new IllegalArgumentException("duplex.auth.jwks must be https (plain http only to this machine),"
                        + " was '" + jwks + "'");
            }
        } else if (jwks.regionMatches(true, 0, "file:", 0, 5)) {
            checkUri(jwks, uri -> uri.getPath() != null);
        } else if (SCHEME.matcher(jwks).find()) {
            throw new IllegalArgumentException("duplex.auth.jwks must be an http(s) URL, a file: URL or a file path,"
                    + " was '" + jwks + "'");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.startsWith("127.");
    }

    private static void checkUri(String jwks, Predicate<URI> complete) {
        try {
            if (!complete.test(new URI(jwks))) {
                throw new URISyntaxException(jwks, "no host or path");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("duplex.auth.jwks is not a usable URL: '" + jwks + "'", e);
        }
    }
}
