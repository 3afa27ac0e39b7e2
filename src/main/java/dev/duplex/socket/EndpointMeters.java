package dev.duplex.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint's meters, all registered here, and looked up once per endpoint so that counting a
 * message is an increment, not a registry lookup. README.md's "Operating duplex" lists them by
 * their Prometheus names.
 */
public final class EndpointMeters {

    private final MeterRegistry registry;
    private final String endpoint;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter handshakesAccepted;
    private final Counter received;
    private final Counter receivedBytes;
    private final Counter sent;
    private final Counter sentBytes;
    private final Counter skipped;
    private final Counter closedSlow;
    private final Counter rateLimited;
    private final Counter closedFlooding;

    private EndpointMeters(MeterRegistry registry, String endpoint) {
        this.registry = registry;
        this.endpoint = endpoint;
        Gauge.builder("duplex.connections", open, AtomicInteger::get).tag("endpoint", endpoint)
                .description("Open WebSocket connections").register(registry);
        handshakesAccepted = counter("duplex.handshakes.accepted", null, "WebSocket handshakes that became connections");
        received = counter("duplex.messages.received", null, "Whole messages received from clients");
        receivedBytes = counter("duplex.received", "bytes", "Bytes of the messages received (UTF-8 for text)");
        sent = counter("duplex.messages.sent", null, "Messages handed to the container for clients");
        sentBytes = counter("duplex.sent", "bytes", "Bytes of the messages sent (UTF-8 for text)");
        skipped = counter("duplex.messages.skipped", null, "Messages a slow client missed; it gets a notice with the count");
        closedSlow = counter("duplex.connections.closed.slow", null, "Connections closed because the client read too slowly");
        rateLimited = counter("duplex.messages.rate.limited", null, "Messages refused by the rate limit; the sender gets an error");
        closedFlooding = counter("duplex.connections.closed.flooding", null,
                "Connections closed for sending far above the rate limit");
    }

    public static EndpointMeters register(MeterRegistry registry, String endpoint) {
        return new EndpointMeters(registry, endpoint);
    }

    private Counter counter(String name, String unit, String help) {
        return Counter.builder(name).baseUnit(unit).tag("endpoint", endpoint).description(help).register(registry);
    }

    /** Open connections now. */
    public int open() {
        return open.get();
    }

    void opened() {
        open.incrementAndGet();
    }

    void left() {
        open.decrementAndGet();
    }

    /** A handshake refused for {@code reason}: one of a fixed few, e.g. {@code origin}, never the client's words. */
    public void refused(String reason) {
        Counter.builder("duplex.handshakes.refused").tag("endpoint", endpoint).tag("reason", reason)
                .description("WebSocket handshakes refused, by reason").register(registry).increment();
    }

    /** A connection closed with {@code code}. */
    void closed(int code) {
        Counter.builder("duplex.connections.closed").tag("endpoint", endpoint).tag("code", codeLabel(code))
                .description("Connections closed, by WebSocket close code").register(registry).increment();
    }

    /**
     * The standard codes as they are; those applications may choose (3000-4999, any client can send
     * one) in two buckets, so no client can make a new series per code.
     */
    static String codeLabel(int code) {
        if (code >= 1000 && code <= 1015) {
            return Integer.toString(code);
        }
        return code >= 3000 && code <= 3999 ? "3xxx" : code >= 4000 && code <= 4999 ? "4xxx" : "other";
    }

    /** WebSocket handshakes that became connections. */
    public Counter handshakesAccepted() {
        return handshakesAccepted;
    }

    /** Whole messages from clients. */
    public Counter received() {
        return received;
    }

    /** Their bytes, UTF-8 for text. */
    public Counter receivedBytes() {
        return receivedBytes;
    }

    /** Messages handed to the container for clients. */
    public Counter sent() {
        return sent;
    }

    /** Their bytes, UTF-8 for text. */
    public Counter sentBytes() {
        return sentBytes;
    }

    /** Messages a slow client missed (it is told how many). */
    public Counter skipped() {
        return skipped;
    }

    /** Clients closed for being too slow. */
    public Counter closedSlow() {
        return closedSlow;
    }

    /** Messages refused by the rate limit (the sender is told). */
    public Counter rateLimited() {
        return rateLimited;
    }

    /** Clients closed for sending far above the rate limit. */
    public Counter closedFlooding() {
        return closedFlooding;
    }
}
