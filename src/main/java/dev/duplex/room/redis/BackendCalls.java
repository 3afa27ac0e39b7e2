package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.RoomHub.RoomSnapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the application's backend asks of a shared room, whether or not this node has members in
 * it, on the worker: post a message, who is in it, its kept messages, remove a user. Each answer
 * comes from Redis, so every node's members count.
 */
final class BackendCalls {

    private final Messaging messaging;
    private final Roster roster;
    private final StreamHistory history;
    private final RoomStore store;
    private final MessageCodec codec;
    private final JsonCodec json;
    private final int historySize;

    BackendCalls(Messaging messaging, Roster roster, StreamHistory history, RoomStore store, MessageCodec codec,
            JsonCodec json, int historySize) {
        this.messaging = messaging;
        this.roster = roster;
        this.history = history;
        this.store = store;
        this.codec = codec;
        this.json = json;
        this.historySize = historySize;
    }

    CompletionStage<ChatMessage> post(String room, Member from, String text) {
        return messaging.post(new RoomKeys(room), from, text);
    }

    /** The count is the live list's, as in a small room's welcome: members of a dead node are not counted. */
    CompletionStage<RoomSnapshot> describe(String room) {
        int limit = roster.presence().limit();
        return roster.alive(new RoomKeys(room)).thenApply(members ->
                new RoomSnapshot(members.size(), List.copyOf(members.subList(0, Math.min(limit, members.size())))));
    }

    /**
     * Without {@code since}, the newest {@code limit} of the room's history; with it, the first
     * {@code limit} after it that the stream holds (which may be a few older than the history, until
     * Redis trims them). Throws IllegalArgumentException for a limit below 1 or a since that is no
     * stream id; fails with it for a since the stream does not hold.
     */
    CompletionStage<List<ChatMessage>> messages(String room, String since, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        RoomKeys keys = new RoomKeys(room);
        if (since == null) {
            return historySize == 0 ? CompletableFuture.completedFuture(List.of())
                    : history.newest(keys, Math.min(limit, historySize)).thenApply(stored -> decode(room, stored));
        }
        StreamId from = StreamId.parse(since);
        return history.from(keys, from, limit + 1).thenApply(stored -> {
            if (stored.isEmpty() || !stored.get(0).id().equals(from.toString())) {
                throw new IllegalArgumentException("since is not a message the room keeps: " + since);
            }
            return decode(room, stored.subList(1, stored.size()));
        });
    }

    /** Every node with members of {@code user} in the room closes them: a control on the room's channel. */
    CompletionStage<Void> remove(String room, String user) {
        String control = json.write(out -> out.write("type", "remove").write("user", user));
        return store.publish(new RoomKeys(room), ChannelFrame.control(control)).thenApply(receivers -> null);
    }

    private List<ChatMessage> decode(String room, List<StreamHistory.Stored> stored) {
        return stored.stream().flatMap(message -> codec.message(room, message.id(), message.kept()).stream()).toList();
    }
}
