package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import dev.duplex.room.RoomEvent;
import dev.duplex.room.redis.OutageBuffer.Pending;
import dev.duplex.room.redis.RedisRoom.Live;
import dev.duplex.socket.Outbound;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A room after Redis was away, on the worker, in steps that each wait for Redis's answer (no
 * thread waits): subscribe again if needed; list this node's members again (Redis may have lost
 * them) and remove the ones that left meanwhile; bring every member the messages other nodes sent
 * meanwhile, holding live events until then; hand Redis the messages kept here, in their order.
 * Messages sent during the recovery follow it. A failed step leaves the room for the next round.
 */
final class Recovery {

    private final Roster roster;
    private final StreamHistory history;
    private final RoomStore store;
    private final Subscriptions subscriptions;
    private final Messaging messaging;
    private final JsonCodec json;
    private final String node;
    private final Consumer<RedisRoom> changed;

    Recovery(Roster roster, StreamHistory history, RoomStore store, Subscriptions subscriptions, Messaging messaging,
            JsonCodec json, String node, Consumer<RedisRoom> changed) {
        this.roster = roster;
        this.history = history;
        this.store = store;
        this.subscriptions = subscriptions;
        this.messaging = messaging;
        this.json = json;
        this.node = node;
        this.changed = changed;
    }

    void recover(RedisRoom room) {
        if (room.recovering) {
            room.recoverAgain = true; // what it is unsure of now may have come after the running one's reads
            return;
        }
        room.recovering = true;
        room.holdingLive = true;
        room.recoverAgain = false;
        RedisLink.logUnexpected(subscriptions.subscribe(room)
                .thenCompose(subscribed -> relist(room))
                .thenCompose(relisted -> fillGap(room))
                .thenRun(() -> releaseLive(room, true))
                .thenCompose(filled -> handOverKept(room))
                .whenComplete((recovered, error) -> finish(room, error == null)), "the recovery of " + room.name());
    }

    private CompletionStage<Void> relist(RedisRoom room) {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        Set<String> here = new HashSet<>();
        for (RedisSeat seat : room.seats.all()) {
            here.add(seat.member().id());
            steps.add(roster.relist(room.keys, seat.member()).toCompletableFuture());
        }
        for (Member left : List.copyOf(room.unsharedLeaves)) {
            // Told even if Redis had lost it: the others still list it. If the first try's answer
            // was lost but its removal was not, the others are told twice.
            steps.add(roster.removeLate(room.keys, left).thenRun(() -> room.unsharedLeaves.remove(left))
                    .toCompletableFuture());
        }
        steps.add(roster.removeWhere(room.keys,
                listed -> Roster.node(listed).equals(node) && !here.contains(listed.getString("id", "")))
                .toCompletableFuture());
        steps.add(store.share(room.keys).toCompletableFuture());
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
    }

    /** Every member gets what the stream holds after the newest message it has; resync where that was trimmed. */
    private CompletionStage<Void> fillGap(RedisRoom room) {
        List<RedisSeat> seats = room.seats.all().stream().filter(RedisSeat::hasItsWelcome).toList();
        if (seats.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return history.trim(room.keys).thenCompose(trim -> {
            if (!trim.exists()) {
                return CompletableFuture.completedFuture(null); // no message since Redis came back empty
            }
            for (RedisSeat seat : seats) {
                // Decided by the stream alone: a resync too many costs a client a reload, one too
                // few a gap it never learns of.
                if (trim.after(seat.seen())) {
                    seat.tell(new Outbound.Text(json.write(new RoomEvent.Resync(room.name(), seat.seen().toString()))));
                }
            }
            StreamId oldestSeen = seats.stream().map(RedisSeat::seen).min(StreamId::compareTo).orElseThrow();
            return history.after(room.keys, oldestSeen)
                    .thenAccept(missed -> missed.forEach(message -> messaging.deliver(room, message)));
        });
    }

    /**
     * Live events held while the gap was filled. After a failed step, held messages are dropped: they
     * are in the stream, and a member given one now would skip the gap before it for good.
     */
    private void releaseLive(RedisRoom room, boolean gapFilled) {
        room.holdingLive = false;
        List<Live> held = List.copyOf(room.heldLive);
        room.heldLive.clear();
        for (Live live : held) {
            if (gapFilled || !live.frame().isMessage()) {
                messaging.deliver(room, live.frame(), live.arrivedNanos());
            }
        }
    }

    /** The kept messages, in their order, until none is left (more may be kept meanwhile). */
    private CompletionStage<Void> handOverKept(RedisRoom room) {
        List<Pending> kept = room.unconfirmed.keptInOrder();
        if (kept.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (Pending message : kept) {
            appends.add(messaging.handOver(room, message)
                    .thenRun(() -> room.unconfirmed.handedOver(message.sequence())).toCompletableFuture());
        }
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).thenCompose(all -> handOverKept(room));
    }

    private void finish(RedisRoom room, boolean recovered) {
        room.recovering = false;
        if (room.holdingLive) {
            releaseLive(room, false);
        }
        room.needsRecovery = !recovered || room.unconfirmed.hasKept();
        List<Pending> deferred = List.copyOf(room.deferred);
        room.deferred.clear();
        for (Pending message : deferred) {
            if (recovered) {
                messaging.append(room, message);
            } else {
                messaging.keep(room, message);
            }
        }
        if (recovered && room.recoverAgain) {
            recover(room);
        }
        changed.accept(room);
    }
}
