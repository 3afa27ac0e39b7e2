package dev.duplex.room.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Ids;
import dev.duplex.room.Member;
import dev.duplex.room.RoomsUnavailableException;
import dev.duplex.testing.Inbox;
import dev.duplex.testing.RedisServer;
import dev.duplex.testing.Rooms;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A join while the node counts Redis away: Redis may be back already, and the node only not have
 * asked it since (its lease round asks every 5 s). The newcomer is refused only if Redis does not answer now.
 */
class RedisJoinAfterOutageTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final RedisRoomHub hub = RedisRoomHub.start(REDIS.url(), new JsonCodec(), Clock.systemUTC(), 3, 100,
            new SimpleMeterRegistry());

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void aNewcomerIsWelcomedWhenRedisAnswersThoughTheNodeLastFoundItAway() throws Exception {
        Inbox cat = new Inbox();
        CompletionStage<Void> joined = joinRightAfterACommandWasLost(cat);
        joined.toCompletableFuture().get(10, TimeUnit.SECONDS);
        cat.next("welcome");
    }

    @Test
    void aNewcomerIsRefusedWhenRedisDoesNotAnswerWithinTheCommandTimeout() throws Exception {
        REDIS.pause(RedisLink.COMMAND_TIMEOUT.plus(Duration.ofSeconds(2)));
        try {
            CompletionStage<Void> joined = joinRightAfterACommandWasLost(new Inbox());
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> joined.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertInstanceOf(RoomsUnavailableException.class, refused.getCause());
        } finally {
            REDIS.awaitAnswering(); // the next test's node must be able to connect
        }
    }

    @Test
    void aNewcomerThatLeavesWhileItsJoinWaitsForRedisIsNeverSeated() throws Exception {
        String room = Rooms.newRoom("gone");
        Member cat = new Member(Ids.newConnectionId(), "cat");
        CountDownLatch queued = new CountDownLatch(1);
        hub.link().onWorker(() -> awaitQuietly(queued));
        hub.link().toWorker(CompletableFuture.failedFuture(new RedisException("lost on the way")));
        CompletionStage<Void> joined = hub.join(room, cat, null, new Inbox());
        hub.leave(room, cat); // the client closed while its join waited for Redis's answer
        queued.countDown();
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> joined.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(RoomsUnavailableException.class, refused.getCause());
        assertEquals(0, hub.describe(room).toCompletableFuture().get(10, TimeUnit.SECONDS).memberCount());
        assertEquals(0, hub.memberCount());
    }

    /** The join reaches the worker just after the node counted Redis away, before anything answered since. */
    private CompletionStage<Void> joinRightAfterACommandWasLost(Inbox newcomer) {
        CountDownLatch queued = new CountDownLatch(1);
        hub.link().onWorker(() -> awaitQuietly(queued));
        hub.link().toWorker(CompletableFuture.failedFuture(new RedisException("lost on the way")));
        CompletionStage<Void> joined = hub.join(Rooms.newRoom("back"), new Member(Ids.newConnectionId(), "cat"), null,
                newcomer);
        queued.countDown();
        return joined;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
