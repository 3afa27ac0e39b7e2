package dev.duplex.room.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The node's link to Redis: the client, one connection for commands and one for the rooms'
 * channels, whether Redis can be reached now, and the worker: the one thread on which the Redis
 * hub's state lives. Commands are asynchronous and pipelined on the one command connection, so they
 * reach Redis in the order they were issued; their answers, the channels' events and the
 * connection's ups and downs all come to the worker, in the order Lettuce saw them.
 */
final class RedisLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEADLINE_TICK = Duration.ofMillis(100);

    /** What the link tells the hub, always on the worker. */
    interface Events {
        void connected();

        /** Redis stopped answering (or answering in time): told once, until it answers again. */
        void lost();

        void message(String channel, String frame, long arrivedNanos);

        /** The channel is subscribed (again, after a reconnect: what was published meanwhile is in the stream only). */
        void subscribed(String channel);
    }

    private final RedisClient client;
    // A plain queue, not a scheduled executor's heap: it takes several tasks per message. The
    // round's timer only hands its task to the worker.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("duplex-redis"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("duplex-redis-timer"));
    private final CommandDeadlines deadlines = new CommandDeadlines(COMMAND_TIMEOUT);
    private StatefulRedisConnection<String, String> connection;
    private StatefulRedisPubSubConnection<String, String> channels;
    private volatile boolean reachable = true;
    private Events events;

    /** Makes the client; nothing is connected before {@link #connect}. */
    RedisLink(URI url) {
        RedisURI redisUri = RedisURI.create(url);
        redisUri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(redisUri);
        // While disconnected, fail at once instead of queueing: a queued message could go out twice.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build()) // see CommandDeadlines
                .build());
    }

    /**
     * Connects both connections and from then on tells {@code events}, which must be ready for it;
     * throws if Redis cannot be reached now (the link is then closed).
     */
    void connect(Events events) {
        try {
            open(events);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open(Events events) {
        this.events = events;
        long tick = DEADLINE_TICK.toMillis();
        timer.scheduleWithFixedDelay(deadlines::expire, tick, tick, TimeUnit.MILLISECONDS);
        connection = client.connect();
        channels = client.connectPubSub();
        channels.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String frame) {
                long arrived = System.nanoTime();
                onWorker(() -> events.message(channel, frame, arrived));
            }

            @Override
            public void subscribed(String channel, long count) {
                onWorker(() -> events.subscribed(channel));
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> lost) {
                onWorker(RedisLink.this::lost);
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> back, SocketAddress address) {
                onWorker(events::connected);
            }
        });
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    /**
     * The command's answer, handed to the worker; a failure that is not Redis refusing the command
     * (a lost connection, a time-out) also marks Redis unreachable.
     */
    <T> CompletionStage<T> toWorker(CompletionStage<T> answer) {
        deadlines.watch(answer.toCompletableFuture());
        return answer.whenCompleteAsync((value, error) -> {
            if (error != null) {
                failed(error);
            }
        }, worker);
    }

    CompletionStage<Void> subscribe(String channel) {
        return toWorker(channels.async().subscribe(channel));
    }

    CompletionStage<Void> unsubscribe(String channel) {
        return toWorker(channels.async().unsubscribe(channel));
    }

    boolean onWorker(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) { // the executor would swallow it without a word
                    LOG.log(Level.ERROR, "Redis rooms: worker task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException closing) {
            return false; // the hub is closing: nobody is left to deliver to
        }
    }

    /** Runs {@code task} on the worker every {@code period}, whatever one run throws. */
    void every(Duration period, Runnable task) {
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(() -> onWorker(task), millis, millis, TimeUnit.MILLISECONDS);
    }

    boolean reachable() {
        return reachable;
    }

    /** Marks that Redis answered: it can be reached. True if it could not be before. */
    boolean markAnswered() {
        boolean wasAway = !reachable;
        reachable = true;
        return wasAway;
    }

    /** Both connections are open and Redis answered last time it was asked. */
    boolean up() {
        return reachable && connection.isOpen() && channels.isOpen();
    }

    private void failed(Throwable error) {
        if (!refused(error)) {
            lost();
        }
    }

    /**
     * Logs what ended a chain of steps on the worker unless it was Redis failing (already handled:
     * the link is marked unreachable): a bug there would otherwise vanish in a future nobody reads.
     */
    static void logUnexpected(CompletionStage<?> chain, String what) {
        chain.whenComplete((done, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause != null && !(cause instanceof RedisException)) {
                LOG.log(Level.ERROR, "Redis rooms: " + what + " failed", cause);
            }
        });
    }

    /** Whether Redis itself refused the command (a bad id, no such key): it can still be reached. */
    static boolean refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RedisCommandExecutionException;
    }

    /** On the worker: Redis cannot be reached (or answer in time) now. */
    private void lost() {
        if (reachable) {
            reachable = false;
            events.lost();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        worker.shutdownNow();
        if (channels != null) {
            channels.close();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
