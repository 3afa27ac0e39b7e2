package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Catchup;
import dev.duplex.room.Member;
import dev.duplex.room.Recipient;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.RoomsUnavailableException;
import dev.duplex.room.redis.StreamHistory.Stored;
import io.lettuce.core.RedisException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Joins and leaves of a shared room, on the worker. A newcomer takes its seat at once, is listed in
 * Redis (which counts the room and tells the others), and is welcomed when Redis has answered: the
 * room's recent messages and members, read after this node's subscription to the room is confirmed.
 */
final class Membership {

    private static final System.Logger LOG = System.getLogger(Membership.class.getName());

    private final Roster roster;
    private final StreamHistory history;
    private final Subscriptions subscriptions;
    private final MessageCodec codec;
    private final JsonCodec json;
    private final int historySize;
    private final Consumer<RedisRoom> changed;

    /** {@code changed}: told after an answer that may leave a room with nothing more to do. */
    Membership(Roster roster, StreamHistory history, Subscriptions subscriptions, MessageCodec codec, JsonCodec json,
            int historySize, Consumer<RedisRoom> changed) {
        this.roster = roster;
        this.history = history;
        this.subscriptions = subscriptions;
        this.codec = codec;
        this.json = json;
        this.historySize = historySize;
        this.changed = changed;
    }

    /** What a welcome needs from Redis. */
    private record Arrival(long memberCount, List<Stored> newest, List<Member> listed) {
    }

    CompletionStage<Void> join(RedisRoom room, Member member, String since, Recipient recipient, long joinedAt) {
        RedisSeat seat = new RedisSeat(member, recipient, joinedAt);
        room.seats.add(seat);
        CompletionStage<Long> counted = roster.add(room.keys, member);
        return counted.thenCombine(subscriptions.subscribe(room), (count, subscribed) -> count)
                .thenCompose(count -> arrival(room, member, count))
                .thenAccept(arrival -> {
                    if (room.seats.get(member) == seat) { // else it left while Redis answered
                        welcome(room, seat, since, arrival);
                    }
                })
                .handle((welcomed, error) -> {
                    if (error == null) {
                        return null;
                    }
                    if (room.seats.get(member) == seat) {
                        // Half seated, maybe listed in Redis: unseat it here and let the recovery
                        // remove what Redis still lists of it.
                        room.seats.remove(member);
                        room.needsRecovery = true;
                    }
                    changed.accept(room);
                    if (!(unwrap(error) instanceof RedisException)) {
                        LOG.log(Level.ERROR, "Redis rooms: the join of " + member.id() + " failed", unwrap(error));
                    }
                    throw new CompletionException(new RoomsUnavailableException(unwrap(error)));
                });
    }

    private CompletionStage<Arrival> arrival(RedisRoom room, Member member, long count) {
        // Even with no history to show, the newest message says where the member's stream starts.
        CompletionStage<List<Stored>> newest = history.newest(room.keys, Math.max(historySize, 1));
        CompletionStage<List<Member>> listed = roster.presence().small(count) ? roster.alive(room.keys)
                : roster.sample(room.keys, member);
        return newest.thenCombine(listed, (messages, members) -> new Arrival(count, messages, members));
    }

    private void welcome(RedisRoom room, RedisSeat seat, String since, Arrival arrival) {
        List<Stored> newest = arrival.newest();
        List<ChatMessage> recent = newest.subList(Math.max(newest.size() - historySize, 0), newest.size()).stream()
                .flatMap(stored -> codec.message(room.name(), stored.id(), stored.kept()).stream()).toList();
        boolean small = roster.presence().small(arrival.memberCount());
        // A small room's count is its live list; a big one's may still hold members of a dead node for a lease.
        long memberCount = small ? arrival.listed().size() : arrival.memberCount();
        Catchup.of(since, recent).greet(seat::tell, json, room.name(), since, seat.member(), arrival.listed(), memberCount);
        StreamId seen = newest.isEmpty() ? StreamId.ZERO : newest.get(newest.size() - 1).streamId();
        // Joins to suppress are those of members just listed; a big room announces none.
        seat.welcomed(seen, small ? arrival.listed() : List.of());
    }

    void leave(RedisRoom room, Member member) {
        if (!room.seats.remove(member)) {
            return;
        }
        room.leaving++;
        roster.remove(room.keys, member).whenComplete((removed, error) -> {
            room.leaving--;
            if (error != null) {
                // The member is gone here whatever Redis says; the recovery removes it there and
                // tells the others (if the removal happened and only its answer was lost, twice).
                room.unsharedLeaves.add(member);
                room.needsRecovery = true;
                LOG.log(Level.INFO, "room {0}: leave of {1} not shared yet: {2}", room.name(), member.id(), error);
            }
            changed.accept(room);
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
