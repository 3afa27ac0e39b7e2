package dev.duplex.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One endpoint's traffic counters, looked up once per endpoint, so that counting a message is an
 * increment, not a registry lookup. README.md's "Operating duplex" lists them by their Prometheus names.
 *
 * @param handshakesAccepted WebSocket handshakes that became connections
 * @param received       whole messages from clients
 * @param receivedBytes  their bytes (UTF-8 for text)
 * @param sent           messages handed to the container for clients
 * @param sentBytes      their bytes
 * @param skipped        messages a slow client missed (it is told how many)
 * @param closedSlow     clients closed for being too slow
 * @param rateLimited    messages refused by the rate limit (the sender is told)
 * @param closedFlooding clients closed for sending far above the rate limit
 */
public record EndpointMeters(
        Counter handshakesAccepted,
        Counter received,
        Counter receivedBytes,
        Counter sent,
        Counter sentBytes,
        Counter skipped,
        Counter closedSlow,
        Counter rateLimited,
        Counter closedFlooding) {

    public static EndpointMeters register(MeterRegistry registry, String endpoint) {
        return new EndpointMeters(
                counter(registry, "duplex.handshakes.accepted", null, endpoint, "WebSocket handshakes that became connections"),
                counter(registry, "duplex.messages.received", null, endpoint, "Whole messages received from clients"),
                counter(registry, "duplex.received", "bytes", endpoint, "Bytes of the messages received (UTF-8 for text)"),
                counter(registry, "duplex.messages.sent", null, endpoint, "Messages handed to the container for clients"),
                counter(registry, "duplex.sent", "bytes", endpoint, "Bytes of the messages sent (UTF-8 for text)"),
                counter(registry, "duplex.messages.skipped", null, endpoint,
                        "Messages a slow client missed; it gets a notice with the count"),
                counter(registry, "duplex.connections.closed.slow", null, endpoint,
                        "Connections closed because the client read too slowly"),
                counter(registry, "duplex.messages.rate.limited", null, endpoint,
                        "Messages refused by the rate limit; the sender gets an error"),
                counter(registry, "duplex.connections.closed.flooding", null, endpoint,
                        "Connections closed for sending far above the rate limit"));
    }

    private static Counter counter(MeterRegistry registry, String name, String unit, String endpoint, String help) {
        return Counter.builder(name).baseUnit(unit).tag("endpoint", endpoint).description(help).register(registry);
    }
}
