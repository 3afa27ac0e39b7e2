package dev.duplex.room.redis;

import dev.duplex.room.LocalRooms;
import io.micrometer.core.instrument.Counter;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The worker's round, every {@link NodeLease#RENEW_EVERY}: renew this node's lease, recover the
 * rooms that need it, and remove from this node's rooms the members of nodes whose lease ran out.
 * Each step waits for Redis's answer, not a thread.
 */
final class LeaseRound {

    private final RedisLink link;
    private final NodeLease lease;
    private final RoomStore store;
    private final Roster roster;
    private final Recovery recovery;
    private final LocalRooms<RedisRoom> rooms;
    private final Counter reconnects;

    LeaseRound(RedisLink link, NodeLease lease, RoomStore store, Roster roster, Recovery recovery,
            LocalRooms<RedisRoom> rooms, Counter reconnects) {
        this.link = link;
        this.lease = lease;
        this.store = store;
        this.roster = roster;
        this.recovery = recovery;
        this.rooms = rooms;
        this.reconnects = reconnects;
    }

    /**
     * Renews the lease; Redis answering again starts the recovery of every room that needs one.
     * Completes once the answer is handled (exceptionally if Redis did not answer).
     */
    CompletionStage<Void> renewAndRecover() {
        CompletionStage<Void> renewed = lease.renew().thenAccept(held -> {
            if (!held) { // the others may have removed this node's members: every room lists them again
                rooms.all().forEach(room -> room.needsRecovery = true);
            }
            if (link.markAnswered()) {
                reconnects.increment();
            }
            rooms.all().stream().filter(room -> room.needsRecovery).toList().forEach(recovery::recover);
        });
        RedisLink.logUnexpected(renewed, "the lease round");
        return renewed;
    }

    void renewAndSweep() {
        renewAndRecover();
        if (link.reachable()) {
            rooms.all().forEach(this::sweep);
        }
    }

    /** The members of nodes whose lease ran out leave the room, each announced by the one node that removed it. */
    private void sweep(RedisRoom room) {
        RoomKeys keys = room.keys;
        store.refreshExpiry(keys);
        RedisLink.logUnexpected(store.nodes(keys).thenCompose(nodes -> lease.alive(nodes).thenAccept(alive -> {
            Set<String> dead = new HashSet<>(nodes);
            dead.removeAll(alive);
            for (String other : dead) {
                roster.removeWhere(keys, listed -> Roster.node(listed).equals(other))
                        .thenRun(() -> store.forget(keys, other));
            }
        })), "the sweep of " + keys.room());
    }
}
