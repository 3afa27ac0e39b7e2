package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TypingThrottleTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final TypingThrottle throttle = new TypingThrottle(Duration.ofSeconds(1));

    @Test
    void theFirstNoticeGoesOut() {
        assertTrue(throttle.allow(5));
    }

    @Test
    void moreWithinASecondAreDropped() {
        throttle.allow(0);
        assertFalse(throttle.allow(1));
        assertFalse(throttle.allow(SECOND - 1));
    }

    @Test
    void aSecondAfterTheLastOneThatWentOutTheNextGoes() {
        throttle.allow(0);
        throttle.allow(SECOND / 2); // dropped: does not push the next one back
        assertTrue(throttle.allow(SECOND));
        assertFalse(throttle.allow(SECOND + 1));
    }
}
