package dev.duplex.room.redis;

import dev.duplex.room.RoomEvent.ChatMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * This node's messages to one room that Redis has not confirmed yet: in flight, or kept while Redis
 * is away. A kept message is delivered to this node's members at once and handed to Redis when it
 * is back, in the order of this node's numbers for them ({@link Origin}), so Redis takes each once.
 * Used on the worker only.
 */
final class OutageBuffer {

    /** Messages a room keeps for Redis while it is away; past that, senders are told. */
    static final int KEPT_MAX = 1000;

    /** A message with this node's number for it, when it reached this node, and its client id (or null). */
    record Pending(long sequence, ChatMessage message, long arrivedNanos, String clientId) {

        Pending(long sequence, ChatMessage message, long arrivedNanos) {
            this(sequence, message, arrivedNanos, null);
        }
    }

    private final TreeMap<Long, Pending> inFlight = new TreeMap<>();
    private final TreeMap<Long, Pending> kept = new TreeMap<>();
    private final Set<Long> deliveredHere = new HashSet<>(); // until they come back from Redis

    void sent(Pending message) {
        inFlight.put(message.sequence(), message);
    }

    /** Redis answered the append. */
    void confirmed(long sequence) {
        inFlight.remove(sequence);
    }

    /**
     * The append failed: the message if Redis may not have it, or null if it came back on the
     * channel meanwhile (the answer was lost, the message was not).
     */
    Pending takeFailed(long sequence) {
        return inFlight.remove(sequence);
    }

    /** Keeps a message until Redis is back; false when the room keeps as many as it may. */
    boolean keep(Pending message) {
        if (kept.size() >= KEPT_MAX) {
            return false;
        }
        kept.put(message.sequence(), message);
        deliveredHere.add(message.sequence());
        return true;
    }

    /**
     * A message of this node's came back on the channel or from the stream: this node's number for
     * it if its members got it while Redis was away, else -1.
     */
    long arrived(long sequence) {
        inFlight.remove(sequence);
        return deliveredHere.remove(sequence) ? sequence : -1;
    }

    boolean hasKept() {
        return !kept.isEmpty();
    }

    /** The kept messages, in their order: for the recovery to hand to Redis. */
    List<Pending> keptInOrder() {
        return new ArrayList<>(kept.values());
    }

    void handedOver(long sequence) {
        kept.remove(sequence);
    }

    boolean isEmpty() {
        return inFlight.isEmpty() && kept.isEmpty();
    }
}
