package dev.duplex.room.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fails the commands Redis has not answered in time, so that a Redis that stops answering is
 * noticed and nothing waits for it. One check every tick looks at the oldest commands, instead of
 * Lettuce's own time-out, which schedules a task per command on another thread (a hand-off and a
 * wake-up per command: lettuce issue 2773); at a room's pace that was a quarter of a core.
 */
final class CommandDeadlines {

    private record Outstanding(long deadline, CompletableFuture<?> answer) {
    }

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Outstanding> oldestFirst = new ConcurrentLinkedQueue<>();

    CommandDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    void watch(CompletableFuture<?> answer) {
        oldestFirst.add(new Outstanding(System.nanoTime() + timeoutNanos, answer));
    }

    /** Forgets the answered commands at the head and fails the ones past their deadline. */
    void expire() {
        long now = System.nanoTime();
        for (Outstanding head; (head = oldestFirst.peek()) != null && (head.answer().isDone() || head.deadline() <= now); ) {
            oldestFirst.poll();
            if (!head.answer().isDone()) {
                head.answer().completeExceptionally(new RedisCommandTimeoutException(
                        "Redis did not answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms"));
            }
        }
    }
}
