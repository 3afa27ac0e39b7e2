package dev.duplex.room;

import dev.duplex.socket.Outbound;
import java.util.function.Consumer;

/**
 * Where a room hub delivers one member's events, already serialized; a broadcast hands every member
 * the same {@link Outbound.Text}. Called while the hub holds a room (its lock in memory, the worker
 * on Redis), so it must only queue the event (an {@code Outbox} does) and never block or call the hub.
 */
@FunctionalInterface
public interface Recipient {

    void deliver(Outbound.Text event);

    /**
     * The application removed the member from the room ({@link RoomHub#remove}): close its
     * connection, with 1008 {@code removed}; its leave follows as for any close. Nothing by default:
     * a recipient that cannot be closed stays.
     */
    default void removed() {
    }

    /** A recipient that delivers to {@code deliver} and, when removed, runs {@code removed}. */
    static Recipient of(Consumer<Outbound.Text> deliver, Runnable removed) {
        return new Recipient() {
            @Override
            public void deliver(Outbound.Text event) {
                deliver.accept(event);
            }

            @Override
            public void removed() {
                removed.run();
            }
        };
    }
}
