package dev.duplex.room.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A room's messages as its Redis stream keeps them: the newest ones for a welcome, the ones after
 * a member's newest for a gap, and what the stream has trimmed. The one reader of the stream.
 */
final class StreamHistory {

    /** A message as the stream and the channel keep it: its id, its origin, and its kept form ({@link MessageCodec}). */
    record Stored(String id, Origin origin, String kept) {

        StreamId streamId() {
            return StreamId.parse(id);
        }
    }

    /** What the stream says of itself: whether it exists, and which ids it may have trimmed. */
    record Trim(Map<String, Object> info) {

        boolean exists() {
            return !info.isEmpty();
        }

        /**
         * Whether messages after {@code id} may have been trimmed. Redis 7 says which id it trimmed
         * last; with an older Redis, an {@code id} before the first entry may have lost some.
         */
        boolean after(StreamId id) {
            Object maxDeleted = info.get("max-deleted-entry-id");
            if (maxDeleted != null) {
                return StreamId.parse(String.valueOf(maxDeleted)).compareTo(id) > 0;
            }
            return info.get("first-entry") instanceof List<?> first && !first.isEmpty()
                    && StreamId.parse(String.valueOf(first.get(0))).compareTo(id) > 0;
        }
    }

    private final RedisLink link;

    StreamHistory(RedisLink link) {
        this.link = link;
    }

    /** The newest {@code count} messages, oldest first. */
    CompletionStage<List<Stored>> newest(RoomKeys keys, int count) {
        return link.toWorker(link.commands().xrevrange(keys.messages(), Range.create("-", "+"), Limit.from(count)))
                .thenApply(newestFirst -> {
                    List<Stored> stored = new ArrayList<>(stored(newestFirst));
                    Collections.reverse(stored);
                    return stored;
                });
    }

    /** Every message after {@code since}, oldest first. */
    CompletionStage<List<Stored>> after(RoomKeys keys, StreamId since) {
        return link.toWorker(link.commands().xrange(keys.messages(),
                Range.from(Range.Boundary.excluding(since.toString()), Range.Boundary.unbounded())))
                .thenApply(this::stored);
    }

    /** Up to {@code count} messages from {@code first} on, {@code first} included if the stream holds it, oldest first. */
    CompletionStage<List<Stored>> from(RoomKeys keys, StreamId first, int count) {
        return link.toWorker(link.commands().xrange(keys.messages(),
                Range.from(Range.Boundary.including(first.toString()), Range.Boundary.unbounded()), Limit.from(count)))
                .thenApply(this::stored);
    }

    /** The stream's XINFO fields; none when the room has no stream. */
    CompletionStage<Trim> trim(RoomKeys keys) {
        return link.toWorker(link.commands().xinfoStream(keys.messages()))
                .handle((info, error) -> {
                    if (error != null && RedisLink.refused(error)) {
                        return new Trim(Map.of()); // no such stream: the room has no message
                    }
                    if (error != null) {
                        throw new CompletionException(error);
                    }
                    Map<String, Object> fields = new HashMap<>();
                    for (int i = 0; i + 1 < info.size(); i += 2) {
                        fields.put(String.valueOf(info.get(i)), info.get(i + 1));
                    }
                    return new Trim(fields);
                });
    }

    /** The entries that hold a message, in order. */
    private List<Stored> stored(List<StreamMessage<String, String>> entries) {
        List<Stored> stored = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            String kept = entry.getBody().get("m");
            if (kept != null) {
                stored.add(new Stored(entry.getId(), Origin.parse(entry.getBody().get("o")), kept));
            }
        }
        return stored;
    }
}
