package dev.duplex.testing;

import java.util.Map;

/**
 * Settings for the tests of the node's limits, the same in the JVM and in the containers (there as
 * context parameters of the deployed WAR): a connection cap small enough for a test to reach, and
 * a room rate high enough that one sender can send 10,000 messages at once, and a heartbeat short
 * enough to watch.
 */
public final class TunedSettings {

    public static final int MAX_CONNECTIONS = 40;

    public static final int HEARTBEAT_TIMEOUT_SECONDS = 10;

    public static final Map<String, String> SETTINGS = Map.of(
            "duplex.max-connections", Integer.toString(MAX_CONNECTIONS),
            "duplex.heartbeat.interval-seconds", "2",
            "duplex.heartbeat.timeout-seconds", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS),
            "duplex.room.rate-per-second", "1000000",
            "duplex.room.rate-burst", "1000000");

    private TunedSettings() {
    }
}
