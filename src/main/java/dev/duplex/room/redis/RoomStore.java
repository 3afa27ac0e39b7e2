package dev.duplex.room.redis;

import dev.duplex.room.RoomHub;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The commands on a room's keys ({@link RoomKeys}), each answered on the worker. Nothing here
 * waits: every method issues its command and returns the answer to come.
 */
final class RoomStore {

    /** A room's keys outlive their last member by this long, for the history of a room that empties. */
    static final Duration KEYS_EXPIRE_AFTER = Duration.ofDays(1);
    /**
     * How many recent messages a room remembers by origin: far more than one node keeps while Redis
     * is away ({@link OutageBuffer#KEPT_MAX}), so a message sent again is always recognised.
     */
    private static final String SENT_REMEMBERED = "10000";

    private final RedisLink link;
    private final String node;
    private final String streamLength;

    /** {@code streamLength}: how many messages a room's stream keeps at least (1 or more: ids need one). */
    RoomStore(RedisLink link, String node, int streamLength) {
        this.link = link;
        this.node = node;
        this.streamLength = Integer.toString(Math.max(streamLength, 1));
    }

    private RedisAsyncCommands<String, String> redis() {
        return link.commands();
    }

    /** A message Redis took: its stream id, and whether it is a repeat of a client id (then nothing was appended). */
    record Appended(String id, boolean repeat) {
    }

    /** Appends and publishes one message of this node's without a client id. */
    CompletionStage<Appended> append(RoomKeys keys, String messageJson, long sequence) {
        return append(keys, messageJson, sequence, null);
    }

    /**
     * Appends and publishes one message of this node's; null if it was in already. {@code clientKey}
     * ({@link RoomKeys#acked}, or null): a repeat of it appends nothing and answers the first id.
     */
    CompletionStage<Appended> append(RoomKeys keys, String messageJson, long sequence, String clientKey) {
        String[] keyNames = clientKey == null ? new String[] {keys.messages(), keys.events(), keys.sent()}
                : new String[] {keys.messages(), keys.events(), keys.sent(), clientKey};
        return link.toWorker(redis().<String>eval(Scripts.PUBLISH_MESSAGE.source(), ScriptOutputType.VALUE,
                keyNames, streamLength, messageJson, Long.toString(KEYS_EXPIRE_AFTER.toMillis()), node,
                Long.toString(sequence), SENT_REMEMBERED,
                Long.toString(RoomHub.CLIENT_ID_REMEMBERED.toSeconds())))
                .thenApply(answer -> answer == null ? null
                        : answer.startsWith("=") ? new Appended(answer.substring(1), true) : new Appended(answer, false));
    }

    /** A presence event on the room's channel, among its messages. */
    CompletionStage<Long> publish(RoomKeys keys, ChannelFrame frame) {
        return link.toWorker(redis().publish(keys.events(), frame.encode()));
    }

    /** Lists a member and publishes {@code notice} if the room then has at most {@code announceUpTo}: its size with it. */
    CompletionStage<Long> addMember(RoomKeys keys, String id, String listing, int announceUpTo, ChannelFrame notice) {
        return link.toWorker(redis().<Long>eval(Scripts.ADD_MEMBER.source(), ScriptOutputType.INTEGER,
                new String[] {keys.members(), keys.events(), keys.nodes()}, id, listing, Integer.toString(announceUpTo),
                notice.encode(), node));
    }

    /**
     * Unlists a member and publishes {@code notice} if the room then has at most {@code announceUpTo}:
     * its size without it, or -1 if it was not listed (and, unless {@code evenIfUnlisted}, not told).
     */
    CompletionStage<Long> removeMember(RoomKeys keys, String id, int announceUpTo, ChannelFrame notice,
            boolean evenIfUnlisted) {
        return link.toWorker(redis().<Long>eval(Scripts.REMOVE_MEMBER.source(), ScriptOutputType.INTEGER,
                new String[] {keys.members(), keys.events()}, id, Integer.toString(announceUpTo), notice.encode(),
                evenIfUnlisted ? "1" : "0"));
    }

    /** Every listing: member id → {@code {"id","name","node"}}. */
    CompletionStage<Map<String, String>> listings(RoomKeys keys) {
        return link.toWorker(redis().hgetall(keys.members()));
    }

    /** Up to {@code count} listings that Redis picks at random. */
    CompletionStage<java.util.List<String>> someListings(RoomKeys keys, int count) {
        return link.toWorker(redis().hrandfieldWithvalues(keys.members(), count))
                .thenApply(picked -> picked.stream().map(keyValue -> keyValue.getValue()).toList());
    }

    /** Lists a member again (Redis may have lost it), without counting. */
    CompletionStage<Boolean> relist(RoomKeys keys, String id, String listing) {
        return link.toWorker(redis().hset(keys.members(), id, listing));
    }

    /** The nodes that have, or had, members in the room. */
    CompletionStage<Set<String>> nodes(RoomKeys keys) {
        return link.toWorker(redis().smembers(keys.nodes()));
    }

    /** This node has members in the room: the lease round keeps its keys alive. */
    CompletionStage<Long> share(RoomKeys keys) {
        refreshExpiry(keys);
        return link.toWorker(redis().sadd(keys.nodes(), node));
    }

    CompletionStage<Long> forget(RoomKeys keys, String someNode) {
        return link.toWorker(redis().srem(keys.nodes(), someNode));
    }

    void refreshExpiry(RoomKeys keys) {
        long expiry = KEYS_EXPIRE_AFTER.toMillis();
        link.toWorker(redis().pexpire(keys.members(), expiry));
        link.toWorker(redis().pexpire(keys.nodes(), expiry));
        link.toWorker(redis().pexpire(keys.messages(), expiry));
        link.toWorker(redis().pexpire(keys.sent(), expiry));
    }
}
