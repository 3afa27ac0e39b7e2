package dev.duplex.room;

/**
 * Where a room hub delivers one member's events, already serialized. Called while the room is
 * locked, so it must only queue the text (an {@code Outbox} does) and never block or call the hub.
 */
@FunctionalInterface
public interface Recipient {

    void deliver(String json);
}
