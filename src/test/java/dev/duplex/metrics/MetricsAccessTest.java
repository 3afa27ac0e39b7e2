package dev.duplex.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    private static final String REMOTE = "203.0.113.7";

    private final MetricsAccess loopbackOnly = new MetricsAccess(Optional.empty());
    private final MetricsAccess withToken = new MetricsAccess(Optional.of("s3cret-token"));

    @Test
    void loopbackCallersNeedNoToken() {
        for (String loopback : new String[] {"127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"}) {
            assertTrue(loopbackOnly.allows(loopback, null), loopback);
        }
    }

    @Test
    void othersAreRefusedWhenNoTokenIsConfigured() {
        assertFalse(loopbackOnly.allows(REMOTE, null));
        assertFalse(loopbackOnly.allows("2001:db8::1", "Bearer anything"));
    }

    @Test
    void othersAreRefusedWithoutTheToken() {
        assertFalse(withToken.allows(REMOTE, null));
        assertFalse(withToken.allows(REMOTE, "Basic czNjcmV0LXRva2Vu"));
    }

    @Test
    void othersAreRefusedWithAWrongToken() {
        assertFalse(withToken.allows(REMOTE, "Bearer s3cret"));
        assertFalse(withToken.allows(REMOTE, "Bearer s3cret-token-and-more"));
        assertFalse(withToken.allows(REMOTE, "Bearer "));
    }

    @Test
    void othersAreAllowedWithTheBearerToken() {
        assertTrue(withToken.allows(REMOTE, "Bearer s3cret-token"));
        assertTrue(withToken.allows(REMOTE, "bearer s3cret-token"), "the scheme is case-insensitive");
    }

    @Test
    void aHostNameIsNeverTakenForLoopback() {
        assertFalse(loopbackOnly.allows("localhost", null), "names are not resolved, let alone trusted");
        assertFalse(loopbackOnly.allows(null, null));
        assertFalse(loopbackOnly.allows("", null));
    }
}
