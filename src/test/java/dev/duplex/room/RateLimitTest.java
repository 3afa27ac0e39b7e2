package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.room.RateLimit.Verdict;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int RATE = 20;
    private static final int BURST = 40;

    private static final class Tally {
        int allowed;
        int refused;
        long cutOffAtNanos = -1;
    }

    /** Sends {@code perSecond} messages a second, evenly spaced, for {@code seconds}, stopping at a cut-off. */
    private static Tally sendSteadily(double perSecond, int seconds) {
        RateLimit limit = new RateLimit(RATE, BURST, 0);
        Tally tally = new Tally();
        long messages = Math.round(perSecond * seconds);
        for (long i = 1; i <= messages; i++) {
            long now = Math.round(i * SECOND / perSecond);
            Verdict verdict = limit.take(now);
            if (verdict == Verdict.ALLOW) {
                tally.allowed++;
            } else if (verdict == Verdict.REFUSE) {
                tally.refused++;
            } else {
                tally.cutOffAtNanos = now;
                break;
            }
        }
        return tally;
    }

    @Test
    void aBurstOfBurstMessagesAtOneInstantIsAllowedAndTheNextRefused() {
        RateLimit limit = new RateLimit(RATE, BURST, 0);
        for (int i = 0; i < BURST; i++) {
            assertEquals(Verdict.ALLOW, limit.take(0), "message " + i);
        }
        assertEquals(Verdict.REFUSE, limit.take(0));
    }

    @Test
    void tokensRefillAtTheRate() {
        RateLimit limit = new RateLimit(RATE, BURST, 0);
        for (int i = 0; i < BURST; i++) {
            limit.take(0);
        }
        for (int i = 0; i < RATE; i++) {
            assertEquals(Verdict.ALLOW, limit.take(SECOND), "message " + i + " one second later");
        }
        assertEquals(Verdict.REFUSE, limit.take(SECOND));
    }

    @Test
    void aClientAtThreeTimesTheRateIsCutOffWithinAboutFiveSeconds() {
        Tally tally = sendSteadily(3.0 * RATE, 10);
        assertTrue(tally.cutOffAtNanos > 0, "never cut off");
        assertTrue(tally.cutOffAtNanos <= 5.5 * SECOND, "cut off only after " + tally.cutOffAtNanos + " ns");
    }

    @Test
    void aClientAtOneAndAHalfTimesTheRateIsRefusedSometimesButNeverCutOff() {
        Tally tally = sendSteadily(1.5 * RATE, 60);
        assertEquals(-1, tally.cutOffAtNanos, "cut off");
        assertTrue(tally.refused > 0, "never refused");
        assertTrue(tally.allowed > tally.refused, tally.allowed + " allowed, " + tally.refused + " refused");
    }

    @Test
    void aClientExactlyAtTheRateIsNeverRefused() {
        Tally tally = sendSteadily(RATE, 60);
        assertEquals(0, tally.refused);
        assertEquals(-1, tally.cutOffAtNanos);
        assertEquals(60 * RATE, tally.allowed);
    }
}
