package dev.duplex.room.redis;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Ids;
import dev.duplex.room.LocalRooms;
import dev.duplex.room.Member;
import dev.duplex.room.Presence;
import dev.duplex.room.Recipient;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.RoomHub;
import dev.duplex.room.RoomMeters;
import dev.duplex.room.RoomsUnavailableException;
import dev.duplex.metrics.Buckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Rooms shared by every node on one Redis server: the {@link RoomHub} facade of the Redis layer. A
 * room's messages go into a capped Redis stream and out on the room's pub/sub channel in one Lua
 * script, so a message has one id (the stream entry's) and the channel's order is the stream's:
 * every member on every node sees one order, and a newcomer's history is the same on every node.
 *
 * <p>Every call is handed to the link's worker thread, which owns all room state here, and
 * returns: no container thread waits on Redis, and no lock is held across a round trip. The parts:
 * {@link Membership} (joins and leaves), {@link Messaging} (messages in and out),
 * {@link Recovery} (after Redis was away), {@link LeaseRound} (leases and dead nodes),
 * {@link BackendCalls} (what the application's backend asks), on top of
 * {@link RedisLink}, {@link RoomStore}, {@link StreamHistory}, {@link Roster} and {@link NodeLease}.
 */
public final class RedisRoomHub implements RoomHub, RedisLink.Events {

    private final LocalRooms<RedisRoom> rooms = new LocalRooms<>(RedisRoom::new, room -> room.seats);
    private final String node = Ids.newConnectionId();
    private final DeliveryLanes lanes = new DeliveryLanes(Math.max(Runtime.getRuntime().availableProcessors(), 2));
    // On the worker: members whose join waits for Redis to answer, and those of them that left
    // meanwhile, whose seat must then never be made (nothing would remove it again).
    private final Set<String> joining = new HashSet<>();
    private final Set<String> leftWhileJoining = new HashSet<>();
    private RedisLink link;
    private NodeLease lease;
    private Subscriptions subscriptions;
    private Membership membership;
    private Messaging messaging;
    private Recovery recovery;
    private LeaseRound leaseRound;
    private BackendCalls backend;
    private JsonCodec json;

    private RedisRoomHub() {
    }

    /**
     * Connects to Redis and starts the lease round; throws if Redis cannot be reached now.
     * {@code presenceLimit}: rooms up to this many members, on all nodes together, announce joins and
     * leaves ({@link Presence}); {@code registry}: where the broadcast latency and Redis's figures go.
     */
    public static RedisRoomHub start(URI url, JsonCodec json, Clock clock, int historySize, int presenceLimit,
            MeterRegistry registry) {
        RedisRoomHub hub = new RedisRoomHub();
        hub.link = new RedisLink(url);
        hub.assemble(json, clock, historySize, new Presence(presenceLimit), registry);
        hub.link.connect(hub); // the parts are there before the link tells anything
        hub.link.onWorker(hub.leaseRound::renewAndRecover);
        hub.link.every(NodeLease.RENEW_EVERY, hub.leaseRound::renewAndSweep);
        return hub;
    }

    private void assemble(JsonCodec json, Clock clock, int historySize, Presence presence, MeterRegistry registry) {
        Timer publishing = Timer.builder("duplex.redis.publish")
                .description("Appending and publishing one message on Redis (the script's round trip)")
                .serviceLevelObjectives(Buckets.millis(0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2000))
                .register(registry);
        Counter reconnects = Counter.builder("duplex.redis.reconnects")
                .description("Times Redis answered again after it had been unreachable").register(registry);
        Gauge.builder("duplex.redis.connected", this, hub -> hub.status().up() ? 1 : 0)
                .description("1 while Redis is reachable, else 0").register(registry);
        lease = new NodeLease(link, node);
        RoomStore store = new RoomStore(link, node, historySize);
        StreamHistory history = new StreamHistory(link);
        MessageCodec codec = new MessageCodec(json);
        Roster roster = new Roster(store, lease, json, clock, presence);
        subscriptions = new Subscriptions(link, store, node);
        membership = new Membership(roster, history, subscriptions, codec, json, historySize, this::retireIfDone);
        messaging = new Messaging(link, store, codec, json, clock, node, RoomMeters.broadcast(registry, "redis"),
                publishing, this::retireIfDone);
        recovery = new Recovery(roster, history, store, subscriptions, messaging, json, node, this::retireIfDone);
        leaseRound = new LeaseRound(link, lease, store, roster, recovery, rooms, reconnects);
        backend = new BackendCalls(messaging, roster, history, store, codec, json, historySize);
        this.json = json;
    }

    @Override
    public CompletionStage<Void> join(String room, Member member, String since, Recipient recipient) {
        CompletableFuture<Void> seated = new CompletableFuture<>();
        boolean handed = link.onWorker(() -> {
            if (link.reachable()) {
                seat(room, member, since, recipient, seated);
                return;
            }
            // Redis may be back already and only not asked since (the round asks every 5 s): ask now,
            // so a newcomer is refused because Redis does not answer, not because it did not lately.
            joining.add(member.id());
            RedisLink.logUnexpected(leaseRound.renewAndRecover().whenComplete((renewed, error) -> {
                joining.remove(member.id());
                if (leftWhileJoining.remove(member.id())) {
                    seated.completeExceptionally(new RoomsUnavailableException("left before its seat was made"));
                } else if (link.reachable()) {
                    seat(room, member, since, recipient, seated);
                } else {
                    seated.completeExceptionally(new RoomsUnavailableException("Redis cannot be reached"));
                }
            }), "the join of " + member.id());
        });
        if (!handed) {
            seated.completeExceptionally(new RoomsUnavailableException("the rooms are stopping"));
        }
        return seated;
    }

    /** On the worker, with Redis answering: seats the member, and completes {@code seated} once it is welcomed. */
    private void seat(String room, Member member, String since, Recipient recipient, CompletableFuture<Void> seated) {
        try {
            membership.join(rooms.open(room), member, since, lanes.laneOf(member.id(), recipient),
                            messaging.lastSequence())
                    .whenComplete((done, error) -> {
                        if (error == null) {
                            seated.complete(null);
                        } else {
                            seated.completeExceptionally(error.getCause() != null ? error.getCause() : error);
                        }
                    });
        } catch (RuntimeException e) { // never leave the client without a welcome or a close
            seated.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void leave(String room, Member member) {
        link.onWorker(() -> {
            if (joining.contains(member.id())) {
                leftWhileJoining.add(member.id());
                return;
            }
            RedisRoom here = rooms.get(room);
            if (here != null) {
                membership.leave(here, member);
                retireIfDone(here);
            }
        });
    }

    @Override
    public void publish(String room, Member from, String text, String clientId) {
        long arrived = System.nanoTime();
        link.onWorker(() -> {
            RedisRoom here = rooms.get(room);
            if (here != null) {
                messaging.publish(here, from, text, clientId, arrived);
            }
        });
    }

    @Override
    public void typing(String room, Member from) {
        link.onWorker(() -> {
            RedisRoom here = rooms.get(room);
            if (here != null && here.seats.contains(from) && link.reachable()) {
                RedisLink.logUnexpected(messaging.typing(here, from), "a typing notice");
            }
        });
    }

    @Override
    public CompletionStage<ChatMessage> post(String room, Member from, String text) {
        return onWorkerAnswering(() -> backend.post(room, from, text));
    }

    @Override
    public CompletionStage<RoomSnapshot> describe(String room) {
        return onWorkerAnswering(() -> backend.describe(room));
    }

    @Override
    public CompletionStage<List<ChatMessage>> messages(String room, String since, int limit) {
        return onWorkerAnswering(() -> backend.messages(room, since, limit));
    }

    @Override
    public CompletionStage<Void> remove(String room, String user) {
        return onWorkerAnswering(() -> backend.remove(room, user));
    }

    /**
     * Runs {@code call} on the worker while Redis can be reached; fails with
     * {@link RoomsUnavailableException} when it cannot, or does not answer, and passes an
     * {@link IllegalArgumentException} (a bad query) on as it is.
     */
    private <T> CompletionStage<T> onWorkerAnswering(Supplier<CompletionStage<T>> call) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        boolean handed = link.onWorker(() -> {
            if (!link.reachable()) {
                answer.completeExceptionally(new RoomsUnavailableException("Redis cannot be reached"));
                return;
            }
            try {
                call.get().whenComplete((value, error) -> {
                    if (error == null) {
                        answer.complete(value);
                    } else {
                        answer.completeExceptionally(unavailableUnlessBadQuery(error));
                    }
                });
            } catch (IllegalArgumentException badQuery) {
                answer.completeExceptionally(badQuery);
            }
        });
        if (!handed) {
            answer.completeExceptionally(new RoomsUnavailableException("the rooms are stopping"));
        }
        return answer;
    }

    private static Throwable unavailableUnlessBadQuery(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof IllegalArgumentException || cause instanceof RoomsUnavailableException ? cause
                : new RoomsUnavailableException(cause);
    }

    // ---- what the link tells, on the worker ----

    @Override
    public void connected() {
        leaseRound.renewAndRecover();
    }

    @Override
    public void lost() {
        rooms.all().forEach(room -> room.needsRecovery = true);
        // Redis may only have been slow once: ask at once rather than at the next round, 5 s away.
        leaseRound.renewAndRecover();
    }

    @Override
    public void message(String channel, String text, long arrivedNanos) {
        RedisRoom room = rooms.get(RoomKeys.ofChannel(channel).room());
        ChannelFrame frame = ChannelFrame.parse(text).orElse(null);
        if (room == null || frame == null) {
            return;
        }
        if (frame.isControl()) {
            control(room, frame); // not among the messages: acted on at once, even while a gap is filled
            return;
        }
        if (room.needsRecovery && !room.recovering && link.reachable()) {
            // Redis was away and this room's gap is not filled yet: fill it first, or this message
            // would move every member past the ones still missing (it is in the stream too).
            recovery.recover(room);
        }
        if (room.holdingLive) {
            room.heldLive.add(new RedisRoom.Live(frame, arrivedNanos));
        } else {
            messaging.deliver(room, frame, arrivedNanos);
        }
    }

    @Override
    public void subscribed(String channel) {
        RedisRoom room = rooms.get(RoomKeys.ofChannel(channel).room());
        if (room != null && room.subscribeConfirmations++ > 0) {
            // Subscribed again after a reconnect: what was published meanwhile is in the stream only.
            recovery.recover(room);
        }
    }

    /** A removal ({@link BackendCalls#remove}): this node's connections of the user are closed and leave. */
    private void control(RedisRoom room, ChannelFrame frame) {
        json.readObject(frame.json()).filter(fields -> fields.getString("type", "").equals("remove"))
                .map(fields -> fields.getString("user", null)).ifPresent(user -> {
                    for (RedisSeat seat : room.seats.all()) {
                        if (user.equals(seat.member().user())) {
                            seat.removed();
                            membership.leave(room, seat.member());
                        }
                    }
                    retireIfDone(room);
                });
    }

    /** Forgets a room with nobody here and nothing left to hand to Redis or to remove from it. */
    private void retireIfDone(RedisRoom room) {
        if (room.done() && rooms.get(room.name()) == room) {
            rooms.remove(room.name(), room);
            subscriptions.release(room);
        }
    }

    @Override
    public int roomCount() {
        return rooms.roomCount();
    }

    @Override
    public int memberCount() {
        return rooms.memberCount();
    }

    @Override
    public Status status() {
        return new Status("redis", link.up());
    }

    /** For this package's tests: to make the node count Redis away, as after a lost command. */
    RedisLink link() {
        return link;
    }

    @Override
    public void close() {
        if (link.reachable()) {
            lease.drop(Duration.ofSeconds(1));
        }
        link.close();
        lanes.close();
    }
}
