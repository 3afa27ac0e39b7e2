package dev.duplex.room;

import dev.duplex.metrics.Buckets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * The group layer: who is in which room, and every room's recent messages. A room exists while it
 * has members. The in-memory hub serves one node; a Redis one can share rooms across nodes.
 */
public interface RoomHub extends AutoCloseable {

    /** Adds the member: it gets a welcome (members and history) and the others a join event. */
    default void join(String room, Member member, Recipient recipient) {
        join(room, member, null, recipient);
    }

    /**
     * The same for a client coming back: with {@code since}, the id of the last message it has, the
     * welcome's history is every message after that one, and nothing it had comes again. If the room
     * no longer keeps that message, the client first gets a {@code resync} event, then the welcome
     * with the usual last messages: it learns of the gap rather than missing it silently.
     */
    void join(String room, Member member, String since, Recipient recipient);

    /** Removes the member, if present, and tells the others. */
    void leave(String room, Member member);

    /**
     * Sends {@code text} to every member of the room, the sender included, as one message event.
     * Every member receives it exactly once, and all members receive a room's messages in one order.
     */
    void publish(String room, Member from, String text);

    List<Member> members(String room);

    /** The room's last messages, oldest first. */
    List<RoomEvent.ChatMessage> history(String room);

    /** Rooms that currently have members. */
    int roomCount();

    /** Members of rooms on this node: its room connections that have taken their seat. */
    int memberCount();

    /**
     * The broadcast latency histogram: from the moment this node has a message (from its sender, or
     * from Redis) to its hand-off to the last of the room's members here.
     */
    static Timer broadcastTimer(MeterRegistry registry, String layer) {
        return Timer.builder("duplex.broadcast").tag("layer", layer)
                .description("From a message's arrival on this node to its hand-off to the last local member")
                .serviceLevelObjectives(Buckets.millis(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500))
                .register(registry);
    }

    /** The group layer's kind and whether it works now: what {@code /health} reports. */
    default Status status() {
        return new Status("memory", true);
    }

    /** {@code layer} is {@code memory} or {@code redis}; {@code up} is false while Redis cannot be reached. */
    record Status(String layer, boolean up) {
    }

    /** Releases what the hub holds beyond memory (connections, threads); called when duplex stops. */
    @Override
    default void close() {
    }
}
