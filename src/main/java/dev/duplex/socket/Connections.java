package dev.duplex.socket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Every open connection of this node: the connection cap, the heartbeat and the goodbye at shutdown
 * work on this one set.
 */
public final class Connections {

    /** What the registry needs of a connection; {@link Connection} in production. */
    public interface Live {
        /** The endpoint it is connected to, by its {@link EndpointPath#label()}. */
        String endpoint();

        long lastHeardNanos();

        /**
         * Messages waiting for this client. While any wait, its outbox, not the heartbeat, decides
         * its fate: its ping waits behind them, so its silence proves nothing.
         */
        int waiting();

        void ping();

        void close(int code, String reason);

        /**
         * The node is stopping: closes with {@code code} and {@code reason} once what is queued for
         * it has gone out. Completes when the close has been handed to the container.
         */
        CompletableFuture<Void> goodbye(int code, String reason);

        /**
         * The goodbye's time is up: drops what is still queued and sends the close now, on the
         * caller's thread, unless the goodbye has sent it already.
         */
        void abort(int code, String reason);
    }

    /** Tomcat writes pings and close frames blocking, 20 s at most by default: far too long to wait on one client. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final long BLOCKING_SEND_TIMEOUT_MILLIS = 2_000;

    private final Set<Live> open = ConcurrentHashMap.newKeySet();
    // Closed by the server, not yet reported closed by the container: their sockets still count
    // against the cap, until the container reports them or for a heartbeat timeout at most.
    private final Map<Live, Long> closing = new ConcurrentHashMap<>();
    private final int maxConnections;
    private final int maxMessages;
    private final long maxBytes;
    private final long maxSkipped;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Executor closer;
    private final MeterRegistry registry;
    private final Map<String, EndpointMeters> meters = new ConcurrentHashMap<>();
    private final StopGate gate = new StopGate();
    private final Admittance admittance;
    private final Expiries expiries;

    /**
     * @param closer runs the closes the server decides on, off the caller's thread: sending a close
     *               may wait on a stalled client, and the caller may be broadcasting under a room's lock
     * @param registry where the connections' meters go
     */
    public Connections(int maxConnections, int maxMessages, long maxBytes, long maxSkipped, Duration heartbeatTimeout,
            LongSupplier nanoClock, Executor closer, MeterRegistry registry) {
        this(maxConnections, maxMessages, maxBytes, maxSkipped, heartbeatTimeout, nanoClock, closer, registry,
                Admittance.EVERYONE, Expiries.NEVER);
    }

    /**
     * @param admittance who may keep a connection, asked as it opens
     * @param expiries   closes each admitted connection when its permission ends
     */
    public Connections(int maxConnections, int maxMessages, long maxBytes, long maxSkipped, Duration heartbeatTimeout,
            LongSupplier nanoClock, Executor closer, MeterRegistry registry, Admittance admittance, Expiries expiries) {
        this.admittance = admittance;
        this.expiries = expiries;
        this.closer = closer;
        this.registry = registry;
        Gauge.builder("duplex.outbox.largest", this, Connections::largestOutbox).baseUnit("messages")
                .description("Messages waiting for the most backlogged client").register(registry);
        this.maxConnections = maxConnections;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.maxSkipped = maxSkipped;
        this.timeoutNanos = heartbeatTimeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * The container's idle timeout for every session, a backstop for half-open connections: once the
     * heartbeat has given up on one and stopped writing to it, the container releases the socket.
     * Twice the heartbeat's timeout, because Tyrus does not count pongs as activity: a client that
     * only answers pings must not be cut off before the heartbeat has judged it. Set once on the
     * container, not per session in onOpen: on Payara, Tyrus then now and then closes a session at
     * once with "idle timeout" (about 1 in 200 connections under load, seen in the tests).
     */
    public Duration containerIdleTimeout() {
        return Duration.ofNanos(timeoutNanos).multipliedBy(2);
    }

    /**
     * The meters of {@code endpoint}, registered on first use. Duplex asks for every endpoint's at
     * start, so that each series exists, at zero, before the first connection.
     */
    public EndpointMeters meters(String endpoint) {
        return meters.computeIfAbsent(endpoint, name -> EndpointMeters.register(registry, name));
    }

    /** A connection whose outbox closes the client when full. Empty if refused; the session is then closed. */
    public Optional<Connection> open(Session session, String endpoint) {
        EndpointMeters counters = meters(endpoint);
        return open(session, endpoint, sink -> Outbox.closingWhenFull(sink, maxMessages, maxBytes, counters));
    }

    /** A connection whose client falls behind when its outbox is full, and then gets {@code skippedNotice}. */
    public Optional<Connection> openSkipping(Session session, String endpoint, LongFunction<Outbound> skippedNotice) {
        EndpointMeters counters = meters(endpoint);
        return open(session, endpoint,
                sink -> Outbox.skippingWhenFull(sink, maxMessages, maxBytes, maxSkipped, skippedNotice, counters));
    }

    private Optional<Connection> open(Session session, String endpoint, Function<Sink, Outbox> outboxFor) {
        Sink sink = new SessionSink(session);
        session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, BLOCKING_SEND_TIMEOUT_MILLIS);
        Admittance.Verdict verdict = admittance.judge(session);
        if (verdict instanceof Admittance.Refused refused) {
            meters(endpoint).refused(refused.cause());
            sink.close(CloseCodes.VIOLATED_POLICY.getCode(), refused.reason());
            return Optional.empty();
        }
        Admittance.Admitted admitted = (Admittance.Admitted) verdict;
        Connection connection = new Connection(session, endpoint, sink, outboxFor, this, meters(endpoint), nanoClock,
                admitted.user());
        Optional<Refusal> refusal = add(connection);
        refusal.ifPresent(refused -> sink.close(refused.code(), refused.reason()));
        if (refusal.isPresent()) {
            return Optional.empty();
        }
        if (admitted.until() != null) {
            connection.expireWith(expiries.closeAt(admitted.until(), connection));
        }
        return Optional.of(connection);
    }

    /** {@code cause} names it in the metrics. */
    record Refusal(int code, String reason, String cause) {
    }

    /** Registers {@code live}, unless the node is full or stopping, and counts its handshake. */
    Optional<Refusal> add(Live live) {
        Optional<Refusal> refusal = admit(live);
        refusal.ifPresentOrElse(refused -> meters(live.endpoint()).refused(refused.cause()),
                () -> meters(live.endpoint()).handshakesAccepted().increment());
        return refusal;
    }

    private Optional<Refusal> admit(Live live) {
        Refusal stopping = new Refusal(CloseCodes.GOING_AWAY.getCode(), "server shutting down", "shutting_down");
        if (gate.closed()) {
            return Optional.of(stopping);
        }
        enter(live);
        if (gate.closed()) { // stop() began meanwhile and may not have seen this one
            leave(live);
            return Optional.of(stopping);
        }
        if (open.size() + closing.size() > maxConnections) {
            leave(live); // handshakes that passed the check together may overshoot by a few
            return Optional.of(new Refusal(CloseCodes.TRY_AGAIN_LATER.getCode(),
                    "server full: " + maxConnections + " connections", "full"));
        }
        return Optional.empty();
    }

    /** Into the open set, and its endpoint's count with it: the two move together. */
    private void enter(Live live) {
        open.add(live);
        meters(live.endpoint()).opened();
    }

    /** Out of the open set, if it was in; false if not. */
    private boolean leave(Live live) {
        boolean left = open.remove(live);
        if (left) {
            meters(live.endpoint()).left();
        }
        return left;
    }

    /** The server is closing {@code live}: it no longer takes part, but its socket still counts. */
    void closing(Live live) {
        if (leave(live)) {
            closing.put(live, nanoClock.getAsLong());
        }
    }

    /** The container reports {@code live} closed, with WebSocket close {@code code}. */
    void remove(Live live, int code) {
        leave(live);
        closing.remove(live);
        meters(live.endpoint()).closed(code);
    }

    private double largestOutbox() {
        return open.stream().mapToInt(Live::waiting).max().orElse(0);
    }

    /**
     * Runs {@code beforeClose} then {@code close} on the closer. Once the application is stopping the
     * closer takes no more: then only the close runs, here, as the caller may hold a room's lock.
     */
    void closeLater(Runnable beforeClose, Runnable close) {
        try {
            closer.execute(() -> {
                try {
                    beforeClose.run();
                } finally {
                    close.run(); // even if the room failed to let it go: the client still gets its close
                }
            });
        } catch (RejectedExecutionException stopped) {
            close.run();
        }
    }

    /** Open connections, not counting those the server is closing. */
    public int count() {
        return open.size();
    }

    /** Whether a handshake should be refused before it upgrades. */
    public boolean full() {
        return open.size() + closing.size() >= maxConnections;
    }

    /**
     * One heartbeat: closes the connections silent for longer than the timeout and pings the others.
     * A connection with messages waiting is left to its outbox: its ping waits behind them, so its
     * silence proves nothing. Closing connections the container never reported are forgotten.
     */
    public void heartbeat() {
        for (Live live : List.copyOf(open)) {
            long silentNanos = nanoClock.getAsLong() - live.lastHeardNanos();
            if (live.waiting() > 0) {
                continue;
            }
            if (silentNanos > timeoutNanos) {
                closing(live);
                live.close(CloseCodes.GOING_AWAY.getCode(),
                        "keepalive timeout: nothing heard for " + Duration.ofNanos(silentNanos).toSeconds() + " s");
            } else {
                live.ping();
            }
        }
        long now = nanoClock.getAsLong();
        closing.entrySet().removeIf(entry -> now - entry.getValue() > timeoutNanos);
    }

    /**
     * Runs {@code delivery}, a message for several connections (a room's), unless the application is
     * stopping; false if it did not run. {@link #closeAll} waits for the deliveries under way before
     * it closes anyone, and none starts after. For a room in memory, whose delivery fills every
     * member's queue before it returns, a message so reaches every queue it is for (each written
     * before the close, unless its member is falling behind or too late to take it) or none. On
     * Redis the delivery only hands the message over; what comes back from Redis after the goodbye
     * began may reach some members of this node and not others (they get it again with since).
     */
    public boolean unlessStopping(Runnable delivery) {
        return gate.unlessClosed(delivery);
    }

    /**
     * The application is stopping: new connections and deliveries are refused, then every open
     * connection gets what is queued for it and 1001 with {@code reason}. Waits up to {@code wait}
     * for those closes to be handed to the container. A connection whose queue has not gone out by
     * then (a client that does not read) is aborted: its queue dropped, its close sent at once, many
     * in parallel, for up to {@code lastCloses} (each may wait on its client: see
     * {@link #BLOCKING_SEND_TIMEOUT_MILLIS}). The closer cannot do those: it may be busy with
     * the goodbyes of the others.
     *
     * @return how many were aborted so
     */
    public int closeAll(String reason, Duration wait, Duration lastCloses) {
        long start = System.nanoTime();
        gate.close(wait);
        wait = wait.minusNanos(System.nanoTime() - start);
        int code = CloseCodes.GOING_AWAY.getCode();
        Map<Live, CompletableFuture<Void>> goodbyes = new HashMap<>();
        for (Live live : List.copyOf(open)) {
            closing(live);
            goodbyes.put(live, live.goodbye(code, reason));
        }
        try {
            CompletableFuture.allOf(goodbyes.values().toArray(CompletableFuture[]::new))
                    .get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException someQueuesDidNotGoOut) {
            // aborted below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Live> late = goodbyes.entrySet().stream().filter(goodbye -> !goodbye.getValue().isDone())
                .map(Map.Entry::getKey).toList();
        LastCloses.abort(late, code, reason, lastCloses);
        return late.size();
    }
}
