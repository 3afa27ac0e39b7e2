package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy ownOnly = new OriginPolicy(List.of());

    @Test
    void aHandshakeWithoutAnOriginIsAllowed() {
        assertTrue(ownOnly.allows(null, "example.com"));
    }

    @Test
    void thePagesOwnOriginIsAllowedByHttpAndByHttps() {
        assertTrue(ownOnly.allows("http://example.com:8080", "example.com:8080"));
        assertTrue(ownOnly.allows("https://example.com:8080", "example.com:8080"));
    }

    @Test
    void theOwnOriginIsComparedIgnoringCase() {
        assertTrue(ownOnly.allows("HTTPS://Example.COM", "example.com"));
        assertTrue(ownOnly.allows("https://example.com", "EXAMPLE.com"));
    }

    @Test
    void theOwnOriginMatchesWithOrWithoutTheDefaultPort() {
        assertTrue(ownOnly.allows("https://example.com:443", "example.com"));
        assertTrue(ownOnly.allows("http://example.com:80", "example.com"));
        assertTrue(ownOnly.allows("https://example.com", "example.com:443"));
    }

    @Test
    void aForeignOriginIsRefused() {
        assertFalse(ownOnly.allows("https://evil.example", "example.com"));
    }

    @Test
    void anOriginThatDiffersOnlyInPortIsRefused() {
        assertFalse(ownOnly.allows("https://example.com:8443", "example.com"));
        assertFalse(ownOnly.allows("http://example.com:8081", "example.com:8080"));
    }

    @Test
    void theNullOriginIsRefusedByDefault() {
        assertFalse(ownOnly.allows("null", "example.com"));
    }

    @Test
    void aConfiguredOriginIsAllowed() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com"));
        assertTrue(policy.allows("https://app.example.com", "api.example.com"));
        assertFalse(policy.allows("https://other.example.com", "api.example.com"));
    }

    @Test
    void aConfiguredOriginIsNormalizedBeforeComparing() {
        OriginPolicy policy = new OriginPolicy(List.of("HTTPS://App.Example.com:443"));
        assertTrue(policy.allows("https://app.example.com", "api.example.com"));
    }

    @Test
    void aStarAllowsAnyOrigin() {
        OriginPolicy policy = new OriginPolicy(List.of("*"));
        assertTrue(policy.allows("https://evil.example", "example.com"));
    }
}
