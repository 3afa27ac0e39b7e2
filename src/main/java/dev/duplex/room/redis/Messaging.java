package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import dev.duplex.room.RoomEvent;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.redis.OutageBuffer.Pending;
import dev.duplex.room.redis.StreamHistory.Stored;
import dev.duplex.socket.Outbound;
import io.micrometer.core.instrument.Timer;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A shared room's messages on this node, on the worker. A message is handed to Redis, which appends
 * it to the room's stream and publishes it in one script, and the worker goes on: per-node order
 * is the command connection's order, nobody waits for the answer. Every member, this node's
 * included, gets the message when it comes back on the channel. While Redis is away, messages are
 * kept ({@link OutageBuffer}) and delivered here at once.
 */
final class Messaging {

    private final RedisLink link;
    private final RoomStore store;
    private final MessageCodec codec;
    private final JsonCodec json;
    private final Clock clock;
    private final String node;
    private final Timer broadcast;
    private final Timer publishing;
    private final Consumer<RedisRoom> changed;
    private long sequence; // this node's message numbers, see Origin

    /** {@code changed}: told after an answer that may leave a room with nothing more to do. */
    Messaging(RedisLink link, RoomStore store, MessageCodec codec, JsonCodec json, Clock clock, String node,
            Timer broadcast, Timer publishing, Consumer<RedisRoom> changed) {
        this.link = link;
        this.store = store;
        this.codec = codec;
        this.json = json;
        this.clock = clock;
        this.node = node;
        this.broadcast = broadcast;
        this.publishing = publishing;
        this.changed = changed;
    }

    /** The newest number this node gave a message: a seat joining now was here for none after it. */
    long lastSequence() {
        return sequence;
    }

    void publish(RedisRoom room, Member from, String text, String clientId, long arrived) {
        if (!room.seats.contains(from)) {
            return; // left (or never joined) while its message was on the way
        }
        Pending message = new Pending(++sequence, new ChatMessage(room.name(), null, from, text, clock.instant()), arrived,
                clientId);
        if (room.recovering) {
            defer(room, message);
        } else if (link.reachable() && !room.unconfirmed.hasKept()) {
            append(room, message);
        } else {
            keep(room, message);
        }
    }

    /** After the recovery: what it hands Redis comes first. */
    private void defer(RedisRoom room, Pending message) {
        if (room.deferred.size() >= OutageBuffer.KEPT_MAX) {
            notDelivered(room, message);
        } else {
            room.deferred.add(message);
        }
    }

    /** Hands the message to Redis; if Redis may not have taken it, it is kept instead. */
    void append(RedisRoom room, Pending message) {
        room.unconfirmed.sent(message);
        long start = System.nanoTime();
        handOver(room, message).whenComplete((id, error) -> {
            if (error == null) {
                publishing.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                room.unconfirmed.confirmed(message.sequence());
            } else {
                Pending unconfirmed = room.unconfirmed.takeFailed(message.sequence());
                if (unconfirmed != null) {
                    keep(room, unconfirmed);
                }
            }
            changed.accept(room);
        });
    }

    /**
     * The one way a member's message goes to Redis: its stream id, or null if Redis had it already.
     * A message with a client id gets its sender the ack, after the message.
     */
    CompletionStage<String> handOver(RedisRoom room, Pending message) {
        String clientId = message.clientId();
        String clientKey = clientId == null ? null : room.keys.acked(message.message().from().senderKey(), clientId);
        return store.append(room.keys, codec.kept(message.message()), message.sequence(), clientKey)
                .thenApply(appended -> {
                    if (appended == null) {
                        return null;
                    }
                    if (appended.repeat()) {
                        room.unconfirmed.arrived(message.sequence()); // it never will: nothing to wait for
                    }
                    if (clientId != null) {
                        acknowledge(room, message.message().from(), clientId, appended.id());
                    }
                    return appended.repeat() ? null : appended.id();
                });
    }

    private void acknowledge(RedisRoom room, Member sender, String clientId, String id) {
        RedisSeat seat = room.seats.get(sender);
        if (seat != null) {
            seat.acknowledge(StreamId.parse(id), new Outbound.Text(json.write(new RoomEvent.Ack(clientId, id))));
        }
    }

    /**
     * A message from the application's backend, whether or not this node has the room: appended and
     * published as a member's, never kept here while Redis is away. Completes with its stream id.
     */
    CompletionStage<ChatMessage> post(RoomKeys keys, Member from, String text) {
        ChatMessage message = new ChatMessage(keys.room(), null, from, text, clock.instant());
        return store.append(keys, codec.kept(message), ++sequence).thenApply(appended ->
                new ChatMessage(keys.room(), appended.id(), from, text, message.time()));
    }

    /** This node's members get the message now, the others once Redis is back; past the bound, the sender is told. */
    void keep(RedisRoom room, Pending message) {
        if (!room.unconfirmed.keep(message)) {
            notDelivered(room, message);
            return;
        }
        room.needsRecovery = true;
        ChatMessage chat = message.message();
        // Its stream id comes later; until then it has one that says where it was delivered.
        Outbound.Text text = new Outbound.Text(json.write(new ChatMessage(chat.room(),
                "local-" + node + "-" + message.sequence(), chat.from(), chat.text(), chat.time())));
        room.seats.all().forEach(seat -> seat.offerKept(message.sequence(), text));
        broadcast.record(System.nanoTime() - message.arrivedNanos(), TimeUnit.NANOSECONDS);
    }

    private void notDelivered(RedisRoom room, Pending message) {
        RedisSeat sender = room.seats.get(message.message().from());
        if (sender != null) {
            sender.tell(new Outbound.Text(json.write(new RoomEvent.Error(RoomEvent.Error.NOT_DELIVERED,
                    "rooms are unavailable: this message was not delivered", message.clientId()))));
        }
    }

    /** Tells the room's members on every node, on its channel; each node skips the typist's own seat. */
    CompletionStage<Long> typing(RedisRoom room, Member from) {
        return store.publish(room.keys, ChannelFrame.event(json.write(new RoomEvent.Typing(room.name(), from))));
    }

    /** A live event from the room's channel, to this node's members. */
    void deliver(RedisRoom room, ChannelFrame frame, long arrived) {
        if (frame.isMessage()) {
            if (deliver(room, new Stored(frame.id(), frame.origin(), frame.json()))) {
                broadcast.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
            }
            return;
        }
        JsonObject fields = json.readObject(frame.json()).orElse(null);
        if (fields == null) {
            return; // nothing of duplex's
        }
        Outbound.Text text = new Outbound.Text(frame.json()); // already the clients' JSON
        switch (fields.getString("type", "")) {
            case "join", "leave" -> {
                boolean joined = fields.getString("type").equals("join");
                String about = fields.getJsonObject("member").getString("id");
                room.seats.all().forEach(seat -> seat.offerPresence(joined, about, text));
            }
            case "members" -> room.seats.all().forEach(seat -> seat.offer(text));
            case "typing" -> {
                String about = fields.getJsonObject("member").getString("id");
                room.seats.all().forEach(seat -> seat.offerTyping(about, text));
            }
            default -> { }
        }
    }

    /**
     * A message of the stream, live or read after Redis was away, to the members that lack it. True
     * if any did (all may have had it already, from their welcome or while Redis was away).
     */
    boolean deliver(RedisRoom room, Stored message) {
        StreamId id;
        try {
            id = message.streamId();
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
        long deliveredHereAs = message.origin().node().equals(node) ? room.unconfirmed.arrived(message.origin().sequence())
                : -1;
        if (room.roomField == null) {
            room.roomField = codec.roomField(room.name());
        }
        Outbound.Text text = codec.forClients(room.roomField, message.id(), message.kept()).orElse(null);
        if (text == null) {
            return false;
        }
        boolean delivered = false;
        for (RedisSeat seat : room.seats.all()) {
            delivered |= seat.offerMessage(id, deliveredHereAs, text);
        }
        return delivered;
    }
}
