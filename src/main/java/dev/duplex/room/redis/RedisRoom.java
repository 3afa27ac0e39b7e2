package dev.duplex.room.redis;

import dev.duplex.room.Member;
import dev.duplex.room.Seats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * This node's side of one shared room: its members here, what Redis has not confirmed of their
 * messages, and where the room stands with Redis. Used on the worker only (the member count is
 * also read by the gauges), so it needs no lock.
 */
final class RedisRoom {

    /** A live event from the room's channel, and when it reached this node. */
    record Live(ChannelFrame frame, long arrivedNanos) {
    }

    final RoomKeys keys;
    final Seats<RedisSeat> seats = new Seats<>(RedisSeat::member);
    final OutageBuffer unconfirmed = new OutageBuffer();
    final List<Member> unsharedLeaves = new ArrayList<>(); // left while Redis was away
    final List<OutageBuffer.Pending> deferred = new ArrayList<>(); // sent during a recovery, appended after it
    final List<Live> heldLive = new ArrayList<>(); // arrived while the gap is filled
    CompletionStage<Void> subscription; // null until this node asks for the channel, or after that failed
    boolean channelAsked; // ever, by this room: so that forgetting the room unsubscribes
    boolean retired; // forgotten by the hub: a subscription still on its way must not list the node
    String roomField; // the room's name as JSON, made when its first message comes
    int subscribeConfirmations;
    int leaving; // leaves Redis has not answered yet
    boolean needsRecovery;
    boolean recovering;
    boolean holdingLive;
    boolean recoverAgain;

    RedisRoom(String name) {
        this.keys = new RoomKeys(name);
    }

    String name() {
        return keys.room();
    }

    /** Nobody here and nothing left to hand to Redis or to remove from it: the room may be forgotten. */
    boolean done() {
        return seats.isEmpty() && unconfirmed.isEmpty() && deferred.isEmpty() && unsharedLeaves.isEmpty()
                && leaving == 0 && !needsRecovery && !recovering;
    }
}
