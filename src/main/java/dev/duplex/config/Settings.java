package dev.duplex.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting duplex has, with its default. README.md's configuration table lists the same keys.
 *
 * @param timeZone          zone of the rewrite bot's {@code time} field
 * @param allowedOrigins    browser origins allowed besides the page's own; {@code *} allows any
 * @param maxConnections    open WebSocket connections per node; the next handshake gets 503
 * @param echoMaxBytes      largest /echo message, in bytes (UTF-8 for text); larger closes 1009
 * @param rewriteMaxBytes   largest /rewrite message
 * @param roomMaxBytes      largest /room message
 * @param roomHistory       how many past messages a room keeps for {@code welcome.history}
 * @param roomPresenceLimit rooms of up to this many members announce joins and leaves and list every
 *                          member in the welcome; bigger rooms do neither (it would cost n² deliveries)
 * @param roomRatePerSecond messages per second one room connection may send, on average
 * @param roomRateBurst     messages one room connection may send at once before the rate applies
 * @param outboxMaxMessages messages that may wait for one client; beyond, it falls behind
 * @param outboxMaxBytes    bytes (UTF-16 units for text) that may wait for one client
 * @param outboxMaxSkipped  messages a room member may miss while behind before it is closed 1008
 * @param heartbeatInterval how often the server pings every connection
 * @param heartbeatTimeout  how long a connection may send nothing (no pong, no message) before it is closed
 * @param redisUrl          the Redis server that nodes share rooms through, e.g. {@code redis://127.0.0.1:6379/0};
 *                          empty: rooms live in this node's memory
 * @param metricsToken      the bearer token that opens {@code /metrics} to callers other than loopback;
 *                          empty: loopback only
 * @param auth              who may connect: anyone, or a client with a signed token
 * @param apiKey            the bearer key of the HTTP API ({@code /api/...}); empty: the API is off
 */
public record Settings(
        ZoneId timeZone,
        List<String> allowedOrigins,
        int maxConnections,
        int echoMaxBytes,
        int rewriteMaxBytes,
        int roomMaxBytes,
        int roomHistory,
        int roomPresenceLimit,
        int roomRatePerSecond,
        int roomRateBurst,
        int outboxMaxMessages,
        int outboxMaxBytes,
        int outboxMaxSkipped,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Optional<URI> redisUrl,
        Optional<String> metricsToken,
        AuthSettings auth,
        Optional<String> apiKey) {

    public static final int MIB = 1024 * 1024;
    /**
     * The largest message limit any endpoint may have. On Payara, Tyrus must hold a whole frame
     * before duplex sees it, in a buffer WEB-INF/web.xml sets to this (and the frame's header): a
     * larger limit would have Tyrus close with 1011 where duplex promises the message, or a 1009.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * MIB;
    private static final int DAY_SECONDS = 24 * 60 * 60;

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("duplex.heartbeat.timeout-seconds must be longer than"
                    + " duplex.heartbeat.interval-seconds, or no pong could ever arrive in time");
        }
    }

    public static Settings defaults() {
        return of(Map.of());
    }

    /** The defaults, with {@code values} (keys as in the README) in their place: for tests and tools. */
    public static Settings of(Map<String, String> values) {
        return read(new ConfigReader(List.of(values::get)));
    }

    public static Settings read(ConfigReader config) {
        return new Settings(
                config.get("duplex.time.zone").map(Settings::zone).orElse(ZoneId.systemDefault()),
                config.get("duplex.allowed-origins").map(Settings::list).orElse(List.of()),
                config.getInt("duplex.max-connections", 10_000, 1, 10_000_000),
                config.getInt("duplex.echo.max-bytes", MIB, 1, MAX_MESSAGE_BYTES),
                config.getInt("duplex.rewrite.max-bytes", 64 * 1024, 1, MAX_MESSAGE_BYTES),
                config.getInt("duplex.room.max-bytes", 16 * 1024, 1, MAX_MESSAGE_BYTES),
                config.getInt("duplex.room.history", 50, 0, 10_000),
                config.getInt("duplex.room.presence-limit", 100, 0, 1_000_000),
                config.getInt("duplex.room.rate-per-second", 20, 1, 1_000_000),
                config.getInt("duplex.room.rate-burst", 40, 1, 1_000_000),
                config.getInt("duplex.outbox.max-messages", 1_000, 1, 1_000_000),
                config.getInt("duplex.outbox.max-bytes", 4 * MIB, 1024, 1024 * MIB),
                config.getInt("duplex.outbox.max-skipped", 1_000, 1, 100_000_000),
                Duration.ofSeconds(config.getInt("duplex.heartbeat.interval-seconds", 25, 1, DAY_SECONDS)),
                Duration.ofSeconds(config.getInt("duplex.heartbeat.timeout-seconds", 75, 2, DAY_SECONDS)),
                config.get("duplex.redis.url").map(Settings::redisUrl),
                config.get("duplex.metrics.token").map(String::strip).filter(token -> !token.isEmpty()),
                AuthSettings.read(config),
                config.get("duplex.api.key"));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("duplex.time.zone is not a time zone: '" + id + "'", e);
        }
    }

    private static URI redisUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not redis://host:port/db");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("duplex.redis.url must look like redis://host:6379/0, was '" + url + "'", e);
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** One line for the start-up log. */
    public String summary() {
        return "time zone " + timeZone
                + ", origins " + (allowedOrigins.isEmpty() ? "own" : "own + " + allowedOrigins)
                + ", max connections " + maxConnections
                + ", max message bytes echo " + echoMaxBytes + " / rewrite " + rewriteMaxBytes + " / room " + roomMaxBytes
                + ", room history " + roomHistory
                + ", room rate " + roomRatePerSecond + "/s burst " + roomRateBurst
                + ", outbox " + outboxMaxMessages + " messages / " + outboxMaxBytes + " bytes, max skipped "
                + outboxMaxSkipped
                + ", heartbeat every " + heartbeatInterval.toSeconds() + " s, timeout " + heartbeatTimeout.toSeconds()
                + " s, rooms " + redisUrl.map(url -> "shared through Redis at " + url.getHost() + ":" + url.getPort())
                        .orElse("in memory")
                + ", metrics " + (metricsToken.isPresent() ? "loopback or bearer token" : "loopback only")
                + ", auth " + auth.summary()
                + ", API " + (apiKey.isPresent() ? "on (bearer key)" : "off");
    }
}
