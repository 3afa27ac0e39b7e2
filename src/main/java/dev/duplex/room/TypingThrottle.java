package dev.duplex.room;

import java.time.Duration;

/**
 * At most one typing notice a second per connection: a client that sends one per keystroke costs
 * the room one notice a second, and the others are dropped silently (typing says nothing that a
 * second later would not). Used by one connection's thread at a time.
 */
public final class TypingThrottle {

    public static final Duration EVERY = Duration.ofSeconds(1);

    private final long everyNanos;
    private long lastNanos;
    private boolean any;

    public TypingThrottle(Duration every) {
        this.everyNanos = every.toNanos();
    }

    /** Whether a notice at {@code nowNanos} goes out; if it does, the next may go one period later. */
    public boolean allow(long nowNanos) {
        if (any && nowNanos - lastNanos < everyNanos) {
            return false;
        }
        any = true;
        lastNanos = nowNanos;
        return true;
    }
}
