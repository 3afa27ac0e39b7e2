package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import dev.duplex.room.Presence;
import dev.duplex.room.RoomEvent;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Who is in a shared room: every node's members, listed in Redis with the node they are on, and
 * the presence notices ({@link Presence}) that their joins and leaves send on the room's channel.
 * A member of a node whose lease ran out is not listed as present.
 */
final class Roster {

    private final RoomStore store;
    private final NodeLease lease;
    private final JsonCodec json;
    private final Clock clock;
    private final Presence presence;

    Roster(RoomStore store, NodeLease lease, JsonCodec json, Clock clock, Presence presence) {
        this.store = store;
        this.lease = lease;
        this.json = json;
        this.clock = clock;
        this.presence = presence;
    }

    Presence presence() {
        return presence;
    }

    /**
     * Lists a member of this node: the room's size with it. The join is told to the others in the
     * same step while the room is small, so it takes its place among the room's messages.
     */
    CompletionStage<Long> add(RoomKeys keys, Member member) {
        return store.addMember(keys, member.id(), listing(member), presence.announcesJoinsUpTo(),
                        notice(new RoomEvent.Joined(keys.room(), member, clock.instant())))
                .thenApply(count -> {
                    presence.onJoin(count).then(() -> { }, () -> publishSnapshot(keys, count));
                    return count;
                });
    }

    /** Unlists a member and tells the others, if it was listed. */
    CompletionStage<Void> remove(RoomKeys keys, Member member) {
        return remove(keys, member, false);
    }

    /** A leave Redis may have lost track of: told to the others even if it was not listed any more. */
    CompletionStage<Void> removeLate(RoomKeys keys, Member member) {
        return remove(keys, member, true);
    }

    private CompletionStage<Void> remove(RoomKeys keys, Member member, boolean evenIfUnlisted) {
        return store.removeMember(keys, member.id(), presence.announcesLeavesUpTo(),
                        notice(new RoomEvent.Left(keys.room(), member, clock.instant())), evenIfUnlisted)
                .thenAccept(count -> {
                    if (count >= 0) {
                        presence.onLeave(count).then(() -> { }, () -> publishSnapshot(keys, count));
                    }
                });
    }

    /** Removes the listed members that {@code gone} selects, and tells of each one this call removed. */
    CompletionStage<Void> removeWhere(RoomKeys keys, Predicate<JsonObject> gone) {
        return store.listings(keys).thenCompose(listings -> {
            List<CompletableFuture<Void>> removals = new ArrayList<>();
            for (String listing : listings.values()) {
                json.readObject(listing).filter(gone).ifPresent(fields ->
                        removals.add(remove(keys, member(fields)).toCompletableFuture()));
            }
            return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new));
        });
    }

    /** Lists this node's member again, as it was: after Redis lost it, or this node's lease ran out. */
    CompletionStage<Boolean> relist(RoomKeys keys, Member member) {
        return store.relist(keys, member.id(), listing(member));
    }

    /** The room passed the presence limit or came back to it: every member, on every node, gets the list. */
    private void publishSnapshot(RoomKeys keys, long memberCount) {
        RedisLink.logUnexpected(alive(keys).thenAccept(members -> {
            // As in a welcome: a small room's count is its live list.
            long count = presence.small(memberCount) ? members.size() : memberCount;
            store.publish(keys, notice(new RoomEvent.Members(keys.room(),
                    members.subList(0, Math.min(members.size(), presence.limit())), count)));
        }), "a members snapshot");
    }

    /** As the clients' JSON, on the channel with the messages, so it takes its place in their order. */
    private ChannelFrame notice(RoomEvent event) {
        return ChannelFrame.event(json.write(event));
    }

    /** Every listed member on a node whose lease is held. */
    CompletionStage<List<Member>> alive(RoomKeys keys) {
        return store.listings(keys).thenCompose(listings -> alive(listings.values()));
    }

    /**
     * A welcome's members in a room too big to list whole: up to the presence limit, the newcomer
     * and others that Redis picks (fewer if some it picks are on a dead node).
     */
    CompletionStage<List<Member>> sample(RoomKeys keys, Member newcomer) {
        int others = presence.limit() - 1;
        // One more than needed: Redis may pick the newcomer itself.
        CompletionStage<List<Member>> picked = others > 0
                ? store.someListings(keys, others + 1).thenCompose(this::alive)
                : CompletableFuture.completedFuture(List.of());
        return picked.thenApply(alive -> {
            List<Member> listed = new ArrayList<>(alive.stream()
                    .filter(member -> !member.id().equals(newcomer.id())).limit(others).toList());
            listed.add(newcomer);
            return listed;
        });
    }

    private CompletionStage<List<Member>> alive(Collection<String> listings) {
        List<JsonObject> listed = listings.stream().flatMap(listing -> json.readObject(listing).stream()).toList();
        return lease.alive(listed.stream().map(Roster::node).toList()).thenApply(alive ->
                listed.stream().filter(fields -> alive.contains(node(fields))).map(Roster::member).toList());
    }

    /** A member as Redis lists it: {@code {"id","name"[,"user"],"node"}}. */
    String listing(Member member) {
        return json.write(out -> {
            member.writeFields(out);
            out.write("node", lease.node());
        });
    }

    static String node(JsonObject listing) {
        return listing.getString("node", "");
    }

    static Member member(JsonObject fields) {
        return new Member(fields.getString("id"), fields.getString("name"), fields.getString("user", null));
    }
}
