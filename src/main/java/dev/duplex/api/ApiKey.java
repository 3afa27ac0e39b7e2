package dev.duplex.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The API's bearer key, compared in constant time: both sides are hashed first, so neither the
 * bytes nor the length of the key show in how long a wrong guess takes.
 */
final class ApiKey {

    private final byte[] expected;

    ApiKey(String key) {
        this.expected = sha256(key);
    }

    boolean matches(Optional<String> presented) {
        return MessageDigest.isEqual(expected, sha256(presented.orElse("")));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
