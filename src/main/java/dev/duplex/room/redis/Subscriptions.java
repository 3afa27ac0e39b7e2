package dev.duplex.room.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A room's channel, subscribed while this node has members in the room. A newcomer's history is
 * read only once the subscription is confirmed, so no message falls between the two.
 */
final class Subscriptions {

    private final RedisLink link;
    private final RoomStore store;
    private final String node;

    Subscriptions(RedisLink link, RoomStore store, String node) {
        this.link = link;
        this.store = store;
        this.node = node;
    }

    /** Subscribes the room's channel unless this node has asked already; completes once Redis confirmed. */
    CompletionStage<Void> subscribe(RedisRoom room) {
        if (room.subscription == null) {
            room.channelAsked = true;
            CompletionStage<Void> subscribing = link.subscribe(room.keys.events())
                    .thenCompose(confirmed -> room.retired ? CompletableFuture.completedFuture(0L)
                            : store.share(room.keys)) // from now on the lease round keeps the keys alive
                    .thenApply(shared -> null);
            room.subscription = subscribing;
            subscribing.whenComplete((done, error) -> {
                if (error != null && room.subscription == subscribing) {
                    room.subscription = null; // asked again by the next join or recovery
                }
            });
        }
        return room.subscription;
    }

    /**
     * The room is forgotten here: its channel brings nothing for anybody any more. Also after a
     * subscription that timed out, which Redis may have taken all the same.
     */
    void release(RedisRoom room) {
        room.retired = true;
        if (room.channelAsked) {
            store.forget(room.keys, node);
            link.unsubscribe(room.keys.events());
        }
    }
}
