package dev.duplex.room;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This node's rooms by name, each with its seats: the one place both hubs keep them, and where the
 * room and member counts that {@code /health}, {@code /stats} and the gauges read come from (read
 * from any thread, without waiting for a room).
 */
public final class LocalRooms<R> {

    private final ConcurrentHashMap<String, R> byName = new ConcurrentHashMap<>();
    private final Function<String, R> create;
    private final Function<R, Seats<?>> seatsOf;

    public LocalRooms(Function<String, R> create, Function<R, Seats<?>> seatsOf) {
        this.create = create;
        this.seatsOf = seatsOf;
    }

    /** The room, or null if this node has none of that name. */
    public R get(String name) {
        return byName.get(name);
    }

    /** The room, made now if this node has none of that name. */
    public R open(String name) {
        return byName.computeIfAbsent(name, create);
    }

    /** Forgets the room, if it is still the one of that name. */
    public void remove(String name, R room) {
        byName.remove(name, room);
    }

    public Collection<R> all() {
        return byName.values();
    }

    public int roomCount() {
        return byName.size();
    }

    public int memberCount() {
        return byName.values().stream().mapToInt(room -> seatsOf.apply(room).size()).sum();
    }
}
