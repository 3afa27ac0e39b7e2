package dev.duplex.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private final ApiKey key = new ApiKey("s3cret-key");

    @Test
    void theKeyItselfMatches() {
        assertTrue(key.matches(Optional.of("s3cret-key")));
    }

    @Test
    void anyOtherKeyDoesNot() {
        assertFalse(key.matches(Optional.of("s3cret-kex")));
        assertFalse(key.matches(Optional.of("s3cret-key ")));
        assertFalse(key.matches(Optional.of("")));
    }

    @Test
    void noKeyDoesNot() {
        assertFalse(key.matches(Optional.empty()));
    }
}
