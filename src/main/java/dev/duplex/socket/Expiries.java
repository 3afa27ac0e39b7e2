package dev.duplex.socket;

import jakarta.websocket.CloseReason.CloseCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection with 1008 {@code token expired} when its sign-in ends. One timer task per
 * signed-in connection, cancelled when the connection closes first, so a closed connection is not
 * kept until its token's end.
 */
public final class Expiries {

    /** Where nobody signs in, nothing expires. */
    public static final Expiries NEVER = new Expiries(null, Clock.systemUTC());

    public static final String REASON = "token expired";

    private final ScheduledExecutorService timer;
    private final Clock clock;

    /** {@code timer} should remove cancelled tasks (ScheduledThreadPoolExecutor#setRemoveOnCancelPolicy). */
    public Expiries(ScheduledExecutorService timer, Clock clock) {
        this.timer = timer;
        this.clock = clock;
    }

    /** Schedules the close; what cancels it. An end already past closes at once. */
    Future<?> closeAt(Instant end, Connections.Live connection) {
        if (timer == null) {
            return null;
        }
        long delayMillis = Math.max(Duration.between(clock.instant(), end).toMillis(), 0);
        return timer.schedule(() -> connection.close(CloseCodes.VIOLATED_POLICY.getCode(), REASON), delayMillis,
                TimeUnit.MILLISECONDS);
    }
}
