package dev.duplex;

import dev.duplex.auth.SignIn;
import dev.duplex.auth.TokenAdmittance;
import dev.duplex.auth.TokenVerifier;
import dev.duplex.config.Settings;
import dev.duplex.echo.EchoEndpoint;
import dev.duplex.health.Health;
import dev.duplex.json.JsonCodec;
import dev.duplex.metrics.Metrics;
import dev.duplex.metrics.Stats;
import dev.duplex.rewrite.RewriteEndpoint;
import dev.duplex.rewrite.Rewriter;
import dev.duplex.room.RoomEndpoint;
import dev.duplex.room.RoomHub;
import dev.duplex.room.memory.InMemoryRoomHub;
import dev.duplex.room.redis.RedisRoomHub;
import dev.duplex.socket.Admittance;
import dev.duplex.socket.Connections;
import dev.duplex.socket.EndpointMeters;
import dev.duplex.socket.EndpointPath;
import dev.duplex.socket.Expiries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The application: its settings and the plain objects that hold the logic, created once, the
 * WebSocket endpoints built on them, and the heartbeat. Endpoints receive their collaborators
 * through a configurator, not through injection, which works alike on every container.
 */
public final class Duplex {

    private static final System.Logger LOG = System.getLogger(Duplex.class.getName());
    private static final Duration GOODBYE_WAIT = Duration.ofSeconds(10);
    /**
     * Of {@link #GOODBYE_WAIT}, what is left for the closes of clients whose queue did not go out in
     * time, sent in parallel: Tomcat gives up a blocking close after 2 s (see {@link Connections}).
     */
    private static final Duration LAST_CLOSES = Duration.ofSeconds(2);

    /** The container's message buffer per session, in bytes (in chars for text); see {@link #deployTo}. */
    static final int CONTAINER_MESSAGE_BUFFER = 128;

    private final Settings settings;
    private final long startedAt = System.nanoTime();
    private final Metrics metrics;
    private final JsonCodec json = new JsonCodec();
    private final Rewriter rewriter;
    private final RoomHub rooms;
    private final Connections connections;
    private final Optional<SignIn> signIn;
    // The heartbeat has a thread of its own, so closes that wait on stalled clients (on the
    // closers' threads) never hold it up.
    // It also closes connections whose token expires: those closes are handed to the closers too.
    private final ScheduledThreadPoolExecutor heartbeat = new ScheduledThreadPoolExecutor(1, daemon("duplex-heartbeat"));
    private final ExecutorService closers = Executors.newFixedThreadPool(2, daemon("duplex-close"));
    private boolean saidGoodbye; // guarded by this
    private volatile int toldGoodbye;

    private Duplex(Settings settings, Metrics metrics) {
        Clock clock = Clock.systemUTC();
        this.settings = settings;
        this.metrics = metrics;
        this.rewriter = new Rewriter(clock, settings.timeZone());
        MeterRegistry registry = metrics.registry();
        this.rooms = settings.redisUrl()
                .<RoomHub>map(url -> RedisRoomHub.start(url, json, clock, settings.roomHistory(),
                        settings.roomPresenceLimit(), registry))
                .orElseGet(() -> new InMemoryRoomHub(json, clock, settings.roomHistory(),
                        settings.roomPresenceLimit(), registry));
        Gauge.builder("duplex.rooms", rooms, RoomHub::roomCount).description("Rooms with members on this node")
                .register(registry);
        Gauge.builder("duplex.room.members", rooms, RoomHub::memberCount).description("Room members on this node")
                .register(registry);
        this.signIn = TokenVerifier.from(settings.auth(), clock).map(verifier -> new SignIn(verifier, clock));
        heartbeat.setRemoveOnCancelPolicy(true); // a connection closed before its token expires leaves nothing behind
        this.connections = new Connections(settings.maxConnections(), settings.outboxMaxMessages(),
                settings.outboxMaxBytes(), settings.outboxMaxSkipped(), settings.heartbeatTimeout(), System::nanoTime,
                closers, registry, signIn.<Admittance>map(TokenAdmittance::new).orElse(Admittance.EVERYONE),
                new Expiries(heartbeat, clock));
        EndpointPath.labels().forEach(connections::meters); // every endpoint's series, at zero, from the start
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Creates the application and starts its heartbeat; {@link #stop} ends it. */
    public static Duplex start(Settings settings) {
        Metrics metrics = new Metrics();
        Duplex duplex;
        try {
            duplex = new Duplex(settings, metrics);
        } catch (RuntimeException e) { // Redis unreachable, say: the JVM's meters must not keep this WAR loaded
            metrics.close();
            throw e;
        }
        long every = settings.heartbeatInterval().toMillis();
        duplex.heartbeat.scheduleWithFixedDelay(duplex::beat, every, every, TimeUnit.MILLISECONDS);
        return duplex;
    }

    private void beat() {
        try {
            connections.heartbeat();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: log it and keep beating.
            LOG.log(Level.ERROR, "heartbeat failed", e);
        }
    }

    /**
     * Says goodbye, once: new connections and room messages are refused, then every open connection
     * gets what is queued for it and 1001 with {@code reason}. Waits up to {@link #GOODBYE_WAIT}
     * for the closes to be sent; stops the heartbeat. {@link #stop} calls it too.
     */
    // synchronized: a second caller (the listener after the filter, say) waits for the first to finish
    public synchronized void goodbye(String reason) {
        if (saidGoodbye) {
            return;
        }
        saidGoodbye = true;
        heartbeat.shutdownNow();
        toldGoodbye = connections.count();
        int late = connections.closeAll(reason, GOODBYE_WAIT.minus(LAST_CLOSES), LAST_CLOSES);
        closers.shutdown(); // the closes just queued still run, until stop
        if (late > 0) {
            LOG.log(Level.INFO, "{0} clients did not take what was queued for them within {1} s; closed without it",
                    late, GOODBYE_WAIT.minus(LAST_CLOSES).toSeconds());
        }
    }

    /**
     * Says {@link #goodbye} unless said already, and releases the rest: threads, Redis, meters.
     *
     * @return how many connections were told goodbye
     */
    public int stop(String reason) {
        try {
            goodbye(reason);
        } finally {
            closers.shutdownNow();
            rooms.close();
            metrics.close();
        }
        return toldGoodbye;
    }

    /** Registers the endpoints (paths relative to the context root) and the sessions' idle timeout. */
    public void deployTo(ServerContainer container) throws DeploymentException {
        container.setDefaultMaxSessionIdleTimeout(connections.containerIdleTimeout().toMillis());
        // Every endpoint takes messages in parts and applies its own size limit (MessageAssembler), so
        // the container's per-session message buffers can be small: Tomcat allocates them for every
        // session, idle or not, at 8 KiB each by default (the text one costs twice that, in chars).
        // At 128 a 4 KiB message arrives in 32 parts, which the benchmark shows costs little.
        // Tyrus (Payara) buffers only for whole-message handlers, so there this changes nothing.
        container.setDefaultMaxTextMessageBufferSize(CONTAINER_MESSAGE_BUFFER);
        container.setDefaultMaxBinaryMessageBufferSize(CONTAINER_MESSAGE_BUFFER);
        for (ServerEndpointConfig endpoint : endpoints()) {
            container.addEndpoint(endpoint);
        }
    }

    private List<ServerEndpointConfig> endpoints() {
        return List.of(
                endpoint(EchoEndpoint.class, EndpointPath.ECHO, () -> new EchoEndpoint(settings, connections)),
                endpoint(RewriteEndpoint.class, EndpointPath.REWRITE,
                        () -> new RewriteEndpoint(settings, connections, rewriter, json)),
                endpoint(RoomEndpoint.class, EndpointPath.ROOM,
                        () -> new RoomEndpoint(settings, connections, rooms, json)));
    }

    private static <T extends Endpoint> ServerEndpointConfig endpoint(Class<T> type, EndpointPath path,
            Supplier<T> factory) {
        return ServerEndpointConfig.Builder.create(type, path.path())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <E> E getEndpointInstance(Class<E> endpointClass) {
                        return endpointClass.cast(factory.get()); // one instance per connection
                    }
                })
                .build();
    }

    /** Figures duplex holds anyway: asking does no I/O. */
    public Health health() {
        return new Health(Duration.ofNanos(System.nanoTime() - startedAt), connections.count(), rooms.roomCount(),
                rooms.status());
    }

    /** The page's stats view: the counts behind the meters, read without a registry lookup. */
    public Stats stats() {
        Map<String, Long> open = new LinkedHashMap<>();
        Map<String, Long> received = new LinkedHashMap<>();
        Map<String, Long> sent = new LinkedHashMap<>();
        for (String endpoint : EndpointPath.labels()) {
            EndpointMeters meters = connections.meters(endpoint);
            open.put(endpoint, (long) meters.open());
            received.put(endpoint, (long) meters.received().count());
            sent.put(endpoint, (long) meters.sent().count());
        }
        return new Stats(Duration.ofNanos(System.nanoTime() - startedAt), open, received, sent, rooms.roomCount(),
                rooms.memberCount());
    }

    public Metrics metrics() {
        return metrics;
    }

    public JsonCodec json() {
        return json;
    }

    public Settings settings() {
        return settings;
    }

    /** In token mode, who may connect; empty when anyone may. */
    public Optional<SignIn> signIn() {
        return signIn;
    }

    /** The rooms, for the HTTP API. */
    public RoomHub rooms() {
        return rooms;
    }

    public Connections connections() {
        return connections;
    }
}
