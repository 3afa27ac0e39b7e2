package dev.duplex.room;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * One room's members on this node, each with what the hub keeps for it, in the order they joined.
 * Used by one thread at a time (under the room's lock in memory, on the worker on Redis), except
 * {@link #size}, which any thread may read. A broadcast walks {@link #all}, a list that later
 * joins and leaves do not change, so a recipient's connection may close (and leave) from inside a
 * delivery. That list is made again only when a broadcast needs it after a change: filling or
 * emptying a big room, where nobody is told of joins, costs each join or leave a map update, not a
 * copy of the whole room (n²/2 element copies to fill a room of n, and as many to empty it: the
 * largest item of duplex's own in the benchmark's profile of rooms of 5,000 and 10,000).
 */
public final class Seats<S> {

    private final Function<S, Member> memberOf;
    private final LinkedHashMap<String, S> byId = new LinkedHashMap<>();
    private List<S> all = List.of(); // null: changed since it was made
    private volatile int size; // also read without the lock, by the member gauge

    public Seats(Function<S, Member> memberOf) {
        this.memberOf = memberOf;
    }

    public void add(S seat) {
        byId.put(memberOf.apply(seat).id(), seat);
        changed();
    }

    /** Removes the member's seat; false if it had none. */
    public boolean remove(Member member) {
        boolean removed = byId.remove(member.id()) != null;
        if (removed) {
            changed();
        }
        return removed;
    }

    private void changed() {
        all = null;
        size = byId.size();
    }

    /** The member's seat, or null if it has none. */
    public S get(Member member) {
        return byId.get(member.id());
    }

    public boolean contains(Member member) {
        return byId.containsKey(member.id());
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The seats now: a list that later joins and leaves do not change. */
    public List<S> all() {
        if (all == null) {
            all = List.copyOf(byId.values());
        }
        return all;
    }

    public List<Member> members() {
        return members(Integer.MAX_VALUE);
    }

    /** The first {@code atMost} members, in the order they joined. */
    public List<Member> members(int atMost) {
        return byId.values().stream().limit(atMost).map(memberOf).toList();
    }
}
