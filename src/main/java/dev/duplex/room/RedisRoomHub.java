package dev.duplex.room;

import dev.duplex.json.JsonCodec;
import dev.duplex.metrics.Buckets;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.socket.Outbound;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Rooms shared by every node on one Redis server. A room's messages go into a capped Redis stream
 * and out on the room's pub/sub channel in one Lua script, so a message has one id (the stream
 * entry's) and the channel's order is the stream's: every member on every node sees one order, and
 * a newcomer's history is the same on every node.
 *
 * <p>A node subscribes to a room's channel while it has members there. What arrives is handed from
 * Lettuce's event-loop thread to this hub's one worker thread, which keeps Redis's order; Lettuce's
 * threads never take a room's lock. The worker also renews the node's lease, removes the members of
 * nodes whose lease ran out, and recovers rooms after Redis comes back.
 *
 * <p>While Redis is away, members on this node keep chatting: their messages are delivered here at
 * once and kept, then appended to the room (and so sent to the other nodes) when Redis is back,
 * after this node has filled its members' gap from the stream. Each member remembers the newest
 * stream id it has, so nothing arrives twice, whichever way it comes.
 */
public final class RedisRoomHub implements RoomHub {

    private static final System.Logger LOG = System.getLogger(RedisRoomHub.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEYS_EXPIRE_AFTER = Duration.ofDays(1);
    /** A node's members leave the other nodes' rooms at most LEASE + RENEW_EVERY after it dies. */
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    /** Messages a room keeps for Redis while it is away; past that, senders are told. */
    private static final int PENDING_MAX = 1000;

    /**
     * Appends and publishes a message, once: KEYS stream, channel, origins; ARGV history size,
     * message, expiry in ms, node, sequence. Returns the stream id, or nil for a message already in.
     */
    private static final String PUBLISH_MESSAGE = """
            local last = tonumber(redis.call('HGET', KEYS[3], ARGV[4]) or '0')
            if tonumber(ARGV[5]) <= last then return false end
            redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
            redis.call('PEXPIRE', KEYS[3], ARGV[3])
            local origin = ARGV[4] .. ':' .. ARGV[5]
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[2], 'o', origin)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PUBLISH', KEYS[2], id .. '\\n' .. origin .. '\\n' .. ARGV[2])
            return id
            """;

    /** Lists a member (KEYS members; ARGV id, member) and returns the room's size with it, in one step. */
    private static final String ADD_MEMBER = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('HLEN', KEYS[1])
            """;

    /** Unlists a member (KEYS members; ARGV id): the room's size without it, or -1 if it was not listed. */
    private static final String REMOVE_MEMBER = """
            if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return -1 end
            return redis.call('HLEN', KEYS[1])
            """;

    private final JsonCodec json;
    private final Clock clock;
    private final int historySize;
    private final Presence presence;
    private final String node = Ids.newConnectionId();
    private final AtomicLong sequence = new AtomicLong(); // this node's message numbers, see Origin
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "duplex-redis");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentHashMap<String, LocalRoom> rooms = new ConcurrentHashMap<>();
    private volatile boolean reachable = true;
    private volatile boolean started;
    private final Timer broadcast;
    private final Timer publishing;
    private final Counter reconnects;

    /**
     * {@code presenceLimit}: rooms up to this many members, on all nodes together, announce joins and
     * leaves ({@link Presence}); {@code registry}: where the broadcast latency and Redis's figures go.
     */
    public RedisRoomHub(URI url, JsonCodec json, Clock clock, int historySize, int presenceLimit, MeterRegistry registry) {
        this.broadcast = RoomHub.broadcastTimer(registry, "redis");
        this.publishing = Timer.builder("duplex.redis.publish")
                .description("Appending and publishing one message on Redis (the script's round trip)")
                .serviceLevelObjectives(Buckets.millis(0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2000))
                .register(registry);
        this.reconnects = Counter.builder("duplex.redis.reconnects")
                .description("Times Redis answered again after it had been unreachable").register(registry);
        this.json = json;
        this.clock = clock;
        this.historySize = Math.max(historySize, 1);
        this.presence = new Presence(presenceLimit);
        RedisURI redisUri = RedisURI.create(url);
        redisUri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(redisUri);
        // While disconnected, fail at once instead of queueing: a queued message could go out twice.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> lost) {
                lostRedis();
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> back, SocketAddress address) {
                if (started) { // the first connect happens while the constructor still runs
                    onWorker(RedisRoomHub.this::renew);
                }
            }
        });
        this.connection = client.connect();
        this.redis = connection.sync();
        this.subscriptions = client.connectPubSub();
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String event) {
                long arrived = System.nanoTime();
                onWorker(() -> deliver(channel, event, arrived));
            }

            @Override
            public void subscribed(String channel, long count) {
                // Also after Lettuce re-subscribes on reconnect: from now on nothing is missed live,
                // so what was published before can be read from the stream.
                onWorker(() -> recover(RoomKeys.ofChannel(channel).room(), true));
            }
        });
        started = true;
        Gauge.builder("duplex.redis.connected", this, hub -> hub.status().up() ? 1 : 0)
                .description("1 while Redis is reachable, else 0").register(registry);
        renew();
        long every = RENEW_EVERY.toMillis();
        worker.scheduleWithFixedDelay(this::renewAndSweep, every, every, TimeUnit.MILLISECONDS);
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) { // the executor would swallow it without a word
                    LOG.log(Level.ERROR, "Redis rooms: worker task failed", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // the hub is closing: nobody is left to deliver to
        }
    }

    private void lostRedis() {
        reachable = false;
        rooms.values().forEach(room -> room.needsRecovery = true);
    }

    /** A failed command: Redis is unreachable unless Redis itself refused the command (a bad id, say). */
    private void failed(RedisException e) {
        if (!(e instanceof RedisCommandExecutionException)) {
            lostRedis();
        }
    }

    @Override
    public Status status() {
        return new Status("redis", reachable && connection.isOpen() && subscriptions.isOpen());
    }

    // ---- joining and leaving ----

    @Override
    public void join(String name, Member member, String since, Recipient recipient) {
        while (true) {
            LocalRoom room = rooms.computeIfAbsent(name, LocalRoom::new);
            synchronized (room) {
                if (room.retired) {
                    continue; // emptied and removed since we looked it up: take the new one
                }
                try {
                    seat(room, member, since, recipient);
                } catch (RedisException e) {
                    failed(e);
                    // Half seated, maybe listed in Redis: unseat it here and let the recovery
                    // remove what Redis still lists of it.
                    room.seats.remove(member);
                    room.needsRecovery = true;
                    throw new RoomsUnavailableException(e);
                }
                return;
            }
        }
    }

    /** With the room locked: subscribes if needed, seats the member and sends its welcome. */
    private void seat(LocalRoom room, Member member, String since, Recipient recipient) {
        RoomKeys keys = room.keys;
        boolean newHere = !room.subscribed;
        if (newHere) {
            subscriptions.sync().subscribe(keys.events()); // before the history: nothing falls between
            room.subscribed = true;
        }
        long memberCount = redis.eval(ADD_MEMBER, ScriptOutputType.INTEGER, new String[] {keys.members()}, member.id(),
                memberJson(member));
        // Told at once, so that notices reach the channel in the order of the counts they come from.
        noticeJoin(keys, member, memberCount);
        if (newHere) { // from now on the lease round keeps the room's keys alive
            redis.sadd(keys.nodes(), node);
            refreshExpiry(keys);
        }
        StreamId kept = since == null ? null : keptSince(keys, since);
        if (since != null && kept == null) {
            recipient.deliver(new Outbound.Text(json.write(new RoomEvent.Resync(keys.room(), since))));
        }
        List<ChatMessage> history = kept == null ? history(keys.room()) : historyAfter(keys, kept);
        StreamId seen = history.isEmpty() ? (kept == null ? StreamId.ZERO : kept)
                : StreamId.parse(history.get(history.size() - 1).id());
        boolean small = presence.small(memberCount);
        List<Member> members = small ? members(keys.room()) : welcomeSample(keys, member);
        // Joins to suppress are those of members just listed; a big room announces none.
        room.seats.add(new Seat(member, recipient, seen, sequence.get(), small ? members : List.of()));
        // A small room's count is its live list; a big one's may still hold members of a dead node for a lease.
        recipient.deliver(new Outbound.Text(json.write(new RoomEvent.Welcome(keys.room(), member, members,
                small ? members.size() : memberCount, history))));
    }

    @Override
    public void leave(String name, Member member) {
        LocalRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (!room.seats.remove(member)) {
                return;
            }
            try {
                long membersAfter = removeMember(room.keys, member.id());
                if (membersAfter >= 0) {
                    noticeLeave(room.keys, member, membersAfter);
                }
            } catch (RedisException e) {
                // The member is gone here whatever Redis says; the recovery removes it there and
                // tells the others (the HDEL may have happened late, the leave event did not).
                failed(e);
                room.unsharedLeaves.add(member);
                room.needsRecovery = true;
                LOG.log(Level.INFO, "room {0}: leave of {1} not shared yet: {2}", name, member.id(), e.toString());
            }
            retireIfDone(room);
        }
    }

    /** With the room locked: forgets a room with nobody here and nothing left to hand to Redis. */
    private void retireIfDone(LocalRoom room) {
        if (!room.seats.isEmpty() || !room.pending.isEmpty() || room.needsRecovery) {
            return; // still someone here, or something to hand to Redis or to remove from it
        }
        room.retired = true;
        rooms.remove(room.keys.room(), room);
        if (room.subscribed) {
            try {
                redis.srem(room.keys.nodes(), node);
                subscriptions.sync().unsubscribe(room.keys.events());
            } catch (RedisException e) {
                failed(e); // a channel that stays subscribed only brings events for nobody
            }
        }
    }

    // ---- messages ----

    @Override
    public void publish(String name, Member from, String text) {
        long arrived = System.nanoTime();
        LocalRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) { // one node's messages to a room leave in the order of their numbers
            if (!room.seats.contains(from)) {
                return; // left (or never joined) while its message was on the way
            }
            Pending message = new Pending(sequence.incrementAndGet(),
                    new ChatMessage(name, null, from, text, clock.instant()));
            if (reachable && room.pending.isEmpty() && append(room.keys, message)) {
                return; // it comes back on the channel, to every member on every node
            }
            keepUntilRedisIsBack(room, message);
        }
        broadcast.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
    }

    /** Appends to the stream and publishes; false if Redis cannot be reached. */
    private boolean append(RoomKeys keys, Pending message) {
        String fields = json.write(out -> {
            out.write("type", "message");
            message.chat().from().writeAs("from", out);
            out.write("text", message.chat().text()).write("time", RoomEvent.TIME.format(message.chat().time()));
        });
        long start = System.nanoTime();
        try {
            redis.eval(PUBLISH_MESSAGE, ScriptOutputType.VALUE, new String[] {keys.messages(), keys.events(), keys.origins()},
                    Integer.toString(historySize), fields, Long.toString(KEYS_EXPIRE_AFTER.toMillis()), node,
                    Long.toString(message.sequence()));
            publishing.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return true;
        } catch (RedisException e) {
            failed(e);
            return false;
        }
    }

    /** With the room locked: this node's members get the message now, the others once Redis is back. */
    private void keepUntilRedisIsBack(LocalRoom room, Pending message) {
        if (room.pending.size() >= PENDING_MAX) {
            throw new RoomsUnavailableException("Redis is away and " + PENDING_MAX + " messages already wait for it");
        }
        room.pending.addLast(message);
        room.deliveredHere.add(message.sequence());
        // Its stream id comes later; until then it has one that says where it was delivered.
        Outbound.Text text = new Outbound.Text(json.write(new ChatMessage(room.keys.room(),
                "local-" + node + "-" + message.sequence(), message.chat().from(), message.chat().text(),
                message.chat().time())));
        room.seats.all().forEach(seat -> seat.recipient.deliver(text));
    }

    /** The room's size after, or -1 if it was not listed; counted with the removal, whatever other nodes do. */
    private long removeMember(RoomKeys keys, String id) {
        return redis.eval(REMOVE_MEMBER, ScriptOutputType.INTEGER, new String[] {keys.members()}, id);
    }

    private void noticeJoin(RoomKeys keys, Member member, long membersAfter) {
        switch (presence.onJoin(membersAfter)) {
            case ANNOUNCE -> publishEvent(keys, new RoomEvent.Joined(keys.room(), member, clock.instant()));
            case SNAPSHOT -> publishSnapshot(keys, membersAfter);
            case NOTHING -> { }
        }
    }

    private void noticeLeave(RoomKeys keys, Member member, long membersAfter) {
        switch (presence.onLeave(membersAfter)) {
            case ANNOUNCE -> publishEvent(keys, new RoomEvent.Left(keys.room(), member, clock.instant()));
            case SNAPSHOT -> publishSnapshot(keys, membersAfter);
            case NOTHING -> { }
        }
    }

    /** The room passed the presence limit or came back to it: every member, on every node, gets the list. */
    private void publishSnapshot(RoomKeys keys, long memberCount) {
        List<Member> members = members(keys.room());
        // As in a welcome: a small room's count is its live list.
        long count = presence.small(memberCount) ? members.size() : memberCount;
        publishEvent(keys, new RoomEvent.Members(keys.room(), members.subList(0, Math.min(members.size(), presence.limit())),
                count));
    }

    /**
     * A join, leave or members event, on the channel with the messages, so it takes its place in
     * their order; as the clients' JSON, with no stream id or origin.
     */
    private void publishEvent(RoomKeys keys, RoomEvent event) {
        redis.publish(keys.events(), "-\n\n" + json.write(event));
    }

    /** On the worker: one event from a channel ({@code id \n origin \n json}), to this node's members. */
    private void deliver(String channel, String event, long arrived) {
        LocalRoom room = rooms.get(RoomKeys.ofChannel(channel).room());
        int first = event.indexOf('\n');
        int second = first < 0 ? -1 : event.indexOf('\n', first + 1);
        JsonObject fields = second < 0 ? null : json.readObject(event.substring(second + 1)).orElse(null);
        if (room == null || fields == null) {
            return;
        }
        if (room.needsRecovery) {
            // Redis was away and this room's gap is not filled yet: fill it first, or this message
            // would move every member past the ones still missing (it is in the stream too).
            recover(room.keys.room(), true);
        }
        synchronized (room) {
            switch (fields.getString("type", "")) {
                case "message" -> {
                    if (!room.needsRecovery) { // else the next recovery brings it from the stream
                        if (deliverMessage(room, event.substring(0, first), Origin.parse(event.substring(first + 1, second)),
                                fields)) {
                            broadcast.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
                        }
                    }
                }
                // Already the clients' JSON, see publishEvent.
                case "join", "leave" -> deliverMembership(room, fields, new Outbound.Text(event.substring(second + 1)));
                case "members" -> {
                    Outbound.Text snapshot = new Outbound.Text(event.substring(second + 1));
                    room.seats.all().forEach(seat -> seat.recipient.deliver(snapshot));
                }
                default -> { }
            }
        }
    }

    /**
     * With the room locked: a message from Redis, live or from the stream, to the members that lack
     * it. False if none did (all had it already, from their welcome or while Redis was away).
     */
    private boolean deliverMessage(LocalRoom room, String id, Origin origin, JsonObject fields) {
        StreamId streamId = StreamId.parse(id);
        boolean deliveredHere = origin.node().equals(node) && room.deliveredHere.remove(origin.sequence());
        Outbound.Text text = null;
        for (Seat seat : room.seats.all()) {
            if (streamId.compareTo(seat.seen) <= 0) {
                continue; // in its welcome's history, or delivered already
            }
            seat.seen = streamId;
            if (deliveredHere && origin.sequence() > seat.joinedAt) {
                continue; // it was here when Redis was away and got the message then
            }
            if (text == null) {
                text = new Outbound.Text(json.write(chatMessage(room.keys.room(), id, fields)));
            }
            seat.recipient.deliver(text);
        }
        return text != null;
    }

    private void deliverMembership(LocalRoom room, JsonObject fields, Outbound.Text text) {
        boolean joined = fields.getString("type").equals("join");
        Member member = member(fields.getJsonObject("member"));
        for (Seat seat : room.seats.all()) {
            // The others, as on one node; and not a join its welcome already listed.
            boolean listed = seat.listedAtWelcome.remove(member.id());
            if (!seat.member.id().equals(member.id()) && !(joined && listed)) {
                seat.recipient.deliver(text);
            }
        }
    }

    private ChatMessage chatMessage(String room, String id, JsonObject fields) {
        return new ChatMessage(room, id, member(fields.getJsonObject("from")), fields.getString("text"),
                Instant.parse(fields.getString("time")));
    }

    private static Member member(JsonObject fields) {
        return new Member(fields.getString("id"), fields.getString("name"));
    }

    private String memberJson(Member member) {
        return json.write(out -> out.write("id", member.id()).write("name", member.name()).write("node", node));
    }

    // ---- reading the room ----

    /** Members on every node whose lease is alive. */
    @Override
    public List<Member> members(String name) {
        return alive(redis.hgetall(new RoomKeys(name).members()).values());
    }

    /**
     * A welcome's members in a room too big to list whole: up to the presence limit, the newcomer
     * and others that Redis picks (fewer if some it picks are the newcomer or on a dead node).
     */
    private List<Member> welcomeSample(RoomKeys keys, Member newcomer) {
        List<Member> listed = new ArrayList<>();
        if (presence.limit() > 1) {
            List<String> picked = redis.hrandfieldWithvalues(keys.members(), presence.limit() - 1).stream()
                    .map(KeyValue::getValue).toList();
            alive(picked).stream().filter(member -> !member.id().equals(newcomer.id())).forEach(listed::add);
        }
        listed.add(newcomer);
        return listed;
    }

    /** The members, from their listing in Redis, that are on nodes whose lease is alive. */
    private List<Member> alive(Collection<String> listed) {
        Map<String, Boolean> alive = new HashMap<>();
        List<Member> members = new ArrayList<>();
        for (String value : listed) {
            json.readObject(value).ifPresent(fields -> {
                if (alive.computeIfAbsent(fields.getString("node", ""), this::isAlive)) {
                    members.add(member(fields));
                }
            });
        }
        return members;
    }

    private boolean isAlive(String other) {
        return other.equals(node) || redis.exists(RoomKeys.lease(other)) > 0;
    }

    @Override
    public List<ChatMessage> history(String name) {
        RoomKeys keys = new RoomKeys(name);
        List<StreamMessage<String, String>> newestFirst = redis.xrevrange(keys.messages(), Range.create("-", "+"),
                Limit.from(historySize));
        List<ChatMessage> history = new ArrayList<>(messages(keys, newestFirst));
        Collections.reverse(history);
        return history;
    }

    /**
     * {@code since} as a stream id if the stream holds every message after it, else null: also for
     * an id the room never had (newer than its newest), which would otherwise hide later messages.
     */
    private StreamId keptSince(RoomKeys keys, String since) {
        StreamId id;
        try {
            id = StreamId.parse(since);
        } catch (IllegalArgumentException notAStreamId) {
            return null;
        }
        Map<String, Object> info = streamInfo(keys);
        Object last = info.get("last-generated-id");
        return last == null || trimmedAfter(info, id) || StreamId.parse(String.valueOf(last)).compareTo(id) < 0 ? null : id;
    }

    /** The stream's XINFO fields by name; empty when the room has no stream. */
    private Map<String, Object> streamInfo(RoomKeys keys) {
        List<Object> info;
        try {
            info = redis.xinfoStream(keys.messages());
        } catch (RedisCommandExecutionException noSuchStream) {
            return Map.of();
        }
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i + 1 < info.size(); i += 2) {
            fields.put(String.valueOf(info.get(i)), info.get(i + 1));
        }
        return fields;
    }

    /**
     * Whether messages after {@code id} may have been trimmed from the stream. Redis 7 says which id
     * it trimmed last; with an older Redis, an {@code id} before the first entry may have lost some.
     */
    private static boolean trimmedAfter(Map<String, Object> info, StreamId id) {
        Object maxDeleted = info.get("max-deleted-entry-id");
        if (maxDeleted != null) {
            return StreamId.parse(String.valueOf(maxDeleted)).compareTo(id) > 0;
        }
        return info.get("first-entry") instanceof List<?> first && !first.isEmpty()
                && StreamId.parse(String.valueOf(first.get(0))).compareTo(id) > 0;
    }

    /** Every message the stream holds after {@code since}, oldest first. */
    private List<ChatMessage> historyAfter(RoomKeys keys, StreamId since) {
        return messages(keys, entriesAfter(keys, since));
    }

    private List<StreamMessage<String, String>> entriesAfter(RoomKeys keys, StreamId since) {
        return redis.xrange(keys.messages(), Range.from(Range.Boundary.excluding(since.toString()), Range.Boundary.unbounded()));
    }

    /** Stream entries as the room's message events, in the entries' order. */
    private List<ChatMessage> messages(RoomKeys keys, List<StreamMessage<String, String>> entries) {
        return stored(entries).stream().map(entry -> chatMessage(keys.room(), entry.id(), entry.fields())).toList();
    }

    /** The stream's entries that hold a readable message, in order: the one reader of the stream. */
    private List<Stored> stored(List<StreamMessage<String, String>> entries) {
        List<Stored> stored = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            json.readObject(entry.getBody().get("m")).ifPresent(fields ->
                    stored.add(new Stored(entry.getId(), Origin.parse(entry.getBody().get("o")), fields)));
        }
        return stored;
    }

    /** A message as the stream keeps it. */
    private record Stored(String id, Origin origin, JsonObject fields) {
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public int memberCount() {
        return rooms.values().stream().mapToInt(room -> room.seats.size()).sum();
    }

    // ---- the worker's rounds: lease, dead nodes, recovery ----

    /** Renews this node's lease; Redis answering again starts the recovery of every room. */
    private void renew() {
        try {
            // GET: a lease that had run out means the other nodes may have removed this node's
            // members; every room then lists them again.
            if (redis.setGet(RoomKeys.lease(node), "alive", SetArgs.Builder.px(LEASE.toMillis())) == null) {
                rooms.values().forEach(room -> room.needsRecovery = true);
            }
            if (!reachable) {
                reconnects.increment();
            }
            reachable = true;
        } catch (RedisException e) {
            failed(e);
            return;
        }
        rooms.keySet().forEach(name -> recover(name, false));
    }

    private void renewAndSweep() {
        try {
            renew();
            if (reachable) {
                Map<String, Boolean> alive = new HashMap<>();
                rooms.values().forEach(room -> sweep(room, alive));
            }
        } catch (RedisException e) {
            failed(e);
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: log it and keep going.
            LOG.log(Level.ERROR, "Redis rooms: lease round failed", e);
        }
    }

    /** The members of nodes whose lease ran out leave the room, each announced by the one node that removed it. */
    private void sweep(LocalRoom room, Map<String, Boolean> alive) {
        RoomKeys keys = room.keys;
        synchronized (room) {
            if (room.retired) {
                return;
            }
            refreshExpiry(keys);
            for (String other : redis.smembers(keys.nodes())) {
                if (!alive.computeIfAbsent(other, this::isAlive)) {
                    removeMembersOf(keys, member -> other.equals(member.getString("node", "")));
                    redis.srem(keys.nodes(), other);
                }
            }
        }
    }

    /** Removes the listed members that {@code gone} selects, and announces each one that this call removed. */
    private void removeMembersOf(RoomKeys keys, Predicate<JsonObject> gone) {
        for (String value : redis.hgetall(keys.members()).values()) {
            JsonObject fields = json.readObject(value).orElse(null);
            if (fields != null && gone.test(fields)) {
                long after = removeMember(keys, fields.getString("id"));
                if (after >= 0) {
                    noticeLeave(keys, member(fields), after);
                }
            }
        }
    }

    private void refreshExpiry(RoomKeys keys) {
        long expiry = KEYS_EXPIRE_AFTER.toMillis();
        redis.pexpire(keys.members(), expiry);
        redis.pexpire(keys.nodes(), expiry);
        redis.pexpire(keys.messages(), expiry);
    }

    /**
     * After Redis was away: lists this node's members again (Redis may have lost them), removes the
     * ones that left meanwhile, brings every member the messages other nodes sent meanwhile, then
     * hands Redis the messages sent here meanwhile, in their order. Runs again whenever it is unsure.
     */
    private void recover(String name, boolean subscribedAgain) {
        LocalRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            // Once (re)subscribed, always fill the gap: a recovery that ran before the subscription
            // was back cannot have seen what was published in between.
            if (room.retired || (!subscribedAgain && !room.needsRecovery && room.pending.isEmpty())) {
                return;
            }
            try {
                relist(room);
                fillGap(room);
                while (!room.pending.isEmpty() && append(room.keys, room.pending.peekFirst())) {
                    room.pending.removeFirst();
                }
                room.needsRecovery = !room.pending.isEmpty();
                retireIfDone(room);
            } catch (RedisException e) {
                failed(e);
            }
        }
    }

    private void relist(LocalRoom room) {
        RoomKeys keys = room.keys;
        Set<String> here = new HashSet<>();
        for (Seat seat : room.seats.all()) {
            here.add(seat.member.id());
            redis.hset(keys.members(), seat.member.id(), memberJson(seat.member));
        }
        for (Member left : room.unsharedLeaves) {
            long after = removeMember(keys, left.id());
            // Announced even if Redis had lost it: the others still list it.
            noticeLeave(keys, left, after >= 0 ? after : redis.hlen(keys.members()));
        }
        room.unsharedLeaves.clear();
        removeMembersOf(keys, member -> node.equals(member.getString("node", "")) && !here.contains(member.getString("id")));
        redis.sadd(keys.nodes(), node);
        refreshExpiry(keys);
    }

    /** Every member gets what the stream holds after the newest message it has; resync where that was trimmed. */
    private void fillGap(LocalRoom room) {
        List<Seat> seats = room.seats.all();
        if (seats.isEmpty()) {
            return;
        }
        Map<String, Object> info = streamInfo(room.keys);
        if (info.isEmpty()) {
            return; // no message since Redis came back empty: nothing to fill
        }
        for (Seat seat : seats) {
            // While this node's kept messages are on their way back, the trim may be theirs: the
            // members here have those already.
            if (room.deliveredHere.isEmpty() && trimmedAfter(info, seat.seen)) {
                seat.recipient.deliver(new Outbound.Text(json.write(new RoomEvent.Resync(room.keys.room(),
                        seat.seen.toString()))));
            }
        }
        StreamId oldestSeen = seats.stream().map(seat -> seat.seen).min(StreamId::compareTo).orElseThrow();
        for (Stored entry : stored(entriesAfter(room.keys, oldestSeen))) {
            deliverMessage(room, entry.id(), entry.origin(), entry.fields());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (reachable) {
                redis.del(RoomKeys.lease(node)); // the other nodes need not wait for the lease to run out
            }
        } catch (RedisException e) {
            // it runs out by itself
        }
        subscriptions.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** A message with this node's number for it; kept while Redis is away. */
    private record Pending(long sequence, ChatMessage chat) {
    }

    private static final class Seat {
        final Member member;
        final Recipient recipient;
        StreamId seen; // the newest stream message this member has, from its welcome, since, or live
        final long joinedAt; // this node's message number when it joined, see deliverMessage
        // Members its welcome listed whose join may still be on its way from another node.
        final Set<String> listedAtWelcome = new HashSet<>();

        Seat(Member member, Recipient recipient, StreamId seen, long joinedAt, List<Member> listed) {
            this.member = member;
            this.recipient = recipient;
            this.seen = seen;
            this.joinedAt = joinedAt;
            listed.forEach(other -> listedAtWelcome.add(other.id()));
        }
    }

    /** This node's side of one shared room; changed with the room locked. */
    private static final class LocalRoom {
        final RoomKeys keys;
        final Seats<Seat> seats = new Seats<>(seat -> seat.member);
        final ArrayDeque<Pending> pending = new ArrayDeque<>(); // sent here while Redis was away
        final Set<Long> deliveredHere = new HashSet<>(); // their numbers, until they come back from Redis
        final List<Member> unsharedLeaves = new ArrayList<>(); // left while Redis was away
        boolean subscribed;
        boolean retired;
        volatile boolean needsRecovery;

        LocalRoom(String name) {
            this.keys = new RoomKeys(name);
        }
    }
}
