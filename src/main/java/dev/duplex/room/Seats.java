package dev.duplex.room;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One room's members on this node, each with what the hub keeps for it. The list is copied on join
 * and leave and never changed in place, so a broadcast walks a stable list even when a recipient's
 * connection closes (and leaves) from inside a delivery; joins and leaves are rare, deliveries many.
 */
final class Seats<S> {

    private final Function<S, Member> memberOf;
    private volatile List<S> seats = List.of();

    Seats(Function<S, Member> memberOf) {
        this.memberOf = memberOf;
    }

    void add(S seat) {
        List<S> more = new ArrayList<>(seats);
        more.add(seat);
        seats = List.copyOf(more);
    }

    /** Removes the member's seat; false if it had none. */
    boolean remove(Member member) {
        List<S> fewer = new ArrayList<>(seats);
        boolean removed = fewer.removeIf(seat -> memberOf.apply(seat).id().equals(member.id()));
        seats = List.copyOf(fewer);
        return removed;
    }

    boolean contains(Member member) {
        return seats.stream().anyMatch(seat -> memberOf.apply(seat).id().equals(member.id()));
    }

    int size() {
        return seats.size();
    }

    boolean isEmpty() {
        return seats.isEmpty();
    }

    /** The seats now: a list that later joins and leaves do not change. */
    List<S> all() {
        return seats;
    }

    List<Member> members() {
        return members(Integer.MAX_VALUE);
    }

    /** The first {@code atMost} members, in the order they joined. */
    List<Member> members(int atMost) {
        return seats.stream().limit(atMost).map(memberOf).toList();
    }
}
