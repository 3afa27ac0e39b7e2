package dev.duplex.config;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Every setting duplex has, with its default. README.md's configuration table lists the same keys.
 *
 * @param timeZone          zone of the rewrite bot's {@code time} field
 * @param echoMaxBytes      largest /echo message, in bytes (UTF-8 for text); larger closes 1009
 * @param rewriteMaxBytes   largest /rewrite message
 * @param roomMaxBytes      largest /room message
 * @param roomHistory       how many past messages a room keeps for {@code welcome.history}
 * @param outboxMaxMessages how many messages may wait for one slow client before it is closed 1008
 * @param outboxMaxBytes    how many bytes (UTF-16 units for text) may wait for one slow client
 */
public record Settings(
        ZoneId timeZone,
        int echoMaxBytes,
        int rewriteMaxBytes,
        int roomMaxBytes,
        int roomHistory,
        int outboxMaxMessages,
        int outboxMaxBytes) {

    public static final int MIB = 1024 * 1024;

    public static Settings defaults() {
        return read(new ConfigReader(java.util.List.of()));
    }

    public static Settings read(ConfigReader config) {
        return new Settings(
                config.get("duplex.time.zone").map(Settings::zone).orElse(ZoneId.systemDefault()),
                config.getInt("duplex.echo.max-bytes", MIB, 1, 64 * MIB),
                config.getInt("duplex.rewrite.max-bytes", 64 * 1024, 1, 64 * MIB),
                config.getInt("duplex.room.max-bytes", 16 * 1024, 1, 64 * MIB),
                config.getInt("duplex.room.history", 50, 0, 10_000),
                config.getInt("duplex.outbox.max-messages", 1_000, 1, 1_000_000),
                config.getInt("duplex.outbox.max-bytes", 4 * MIB, 1024, 1024 * MIB));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("duplex.time.zone is not a time zone: '" + id + "'", e);
        }
    }

    /** One line for the start-up log. */
    public String summary() {
        return "time zone " + timeZone + ", max message bytes echo " + echoMaxBytes + " / rewrite " + rewriteMaxBytes
                + " / room " + roomMaxBytes + ", room history " + roomHistory + ", outbox " + outboxMaxMessages
                + " messages / " + outboxMaxBytes + " bytes";
    }
}
