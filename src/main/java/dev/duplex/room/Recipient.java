package dev.duplex.room;

import dev.duplex.socket.Outbound;

/**
 * Where a room hub delivers one member's events, already serialized; a broadcast hands every member
 * the same {@link Outbound.Text}. Called while the hub holds a room (its lock in memory, the worker
 * on Redis), so it must only queue the event (an {@code Outbox} does) and never block or call the hub.
 */
@FunctionalInterface
public interface Recipient {

    void deliver(Outbound.Text event);
}
