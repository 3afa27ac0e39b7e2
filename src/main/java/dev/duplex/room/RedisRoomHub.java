package dev.duplex.room;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.RoomEvent.ChatMessage;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Rooms shared by every node on one Redis server. A room's messages go into a capped Redis stream
 * and out on the room's pub/sub channel in one Lua script, so a message has one id (the stream
 * entry's) and the channel's order is the stream's: every member on every node sees one order, and
 * a newcomer's history is the same on every node. Members are listed in a hash per room.
 *
 * <p>A node subscribes to a room's channel while it has members there. What arrives on the channel
 * is handed from Lettuce's event-loop thread to one dispatcher thread, which keeps Redis's order,
 * and only that thread takes a room's lock to queue the event on each member's outbox: Lettuce's
 * threads never wait.
 */
public final class RedisRoomHub implements RoomHub {

    private static final System.Logger LOG = System.getLogger(RedisRoomHub.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEYS_EXPIRE_AFTER = Duration.ofDays(1);
    private static final String NO_ID = "-";

    /** XADD and PUBLISH at once: KEYS stream, channel; ARGV history size, message, expiry in ms. */
    private static final String PUBLISH_MESSAGE = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PUBLISH', KEYS[2], id .. '\\n' .. ARGV[2])
            return id
            """;

    private final JsonCodec json;
    private final Clock clock;
    private final int historySize;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "duplex-redis-dispatch");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentHashMap<String, LocalRoom> rooms = new ConcurrentHashMap<>();

    public RedisRoomHub(URI url, JsonCodec json, Clock clock, int historySize) {
        this.json = json;
        this.clock = clock;
        this.historySize = Math.max(historySize, 1);
        RedisURI redisUri = RedisURI.create(url);
        redisUri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect();
        this.redis = connection.sync();
        this.subscriptions = client.connectPubSub();
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String event) {
                try {
                    dispatcher.execute(() -> deliver(channel, event));
                } catch (RejectedExecutionException closing) {
                    // the hub is closing: nobody is left to deliver to
                }
            }
        });
    }

    private static String stream(String room) {
        return "duplex:{" + room + "}:messages";
    }

    private static String membersKey(String room) {
        return "duplex:{" + room + "}:members";
    }

    private static String channel(String room) {
        return "duplex:{" + room + "}:events";
    }

    private static String roomOf(String channel) {
        return channel.substring(channel.indexOf('{') + 1, channel.lastIndexOf('}'));
    }

    @Override
    public void join(String name, Member member, String since, Recipient recipient) {
        while (true) {
            LocalRoom room = rooms.computeIfAbsent(name, LocalRoom::new);
            synchronized (room) {
                if (room.retired) {
                    continue; // emptied and removed since we looked it up: take the new one
                }
                try {
                    seat(name, room, member, since, recipient);
                } catch (RedisException e) {
                    if (room.seats.isEmpty()) { // nobody else here: do not keep an empty room
                        room.retired = true;
                        rooms.remove(name, room);
                    }
                    throw new RoomsUnavailableException(e);
                }
                return;
            }
        }
    }

    /** With the room locked: subscribes if needed, seats the member and sends its welcome. */
    private void seat(String name, LocalRoom room, Member member, String since, Recipient recipient) {
        if (room.seats.isEmpty()) {
            subscriptions.sync().subscribe(channel(name)); // before the history: nothing falls between
        }
        redis.hset(membersKey(name), member.id(), memberJson(member));
        redis.pexpire(membersKey(name), KEYS_EXPIRE_AFTER.toMillis());
        StreamId kept = since == null ? null : keptSince(name, since);
        if (since != null && kept == null) {
            recipient.deliver(json.write(new RoomEvent.Resync(name, since)));
        }
        List<ChatMessage> history = kept == null ? history(name) : historyAfter(name, kept);
        StreamId seen = history.isEmpty() ? (kept == null ? StreamId.ZERO : kept)
                : StreamId.parse(history.get(history.size() - 1).id());
        List<Member> members = members(name);
        room.seats.add(new Seat(member, recipient, seen, members));
        recipient.deliver(json.write(new RoomEvent.Welcome(name, member, members, history)));
        announce(name, "join", member);
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
            if (room.seats.isEmpty()) {
                room.retired = true;
                rooms.remove(name, room);
            }
            try {
                redis.hdel(membersKey(name), member.id());
                announce(name, "leave", member);
                if (room.retired) {
                    subscriptions.sync().unsubscribe(channel(name));
                }
            } catch (RedisException e) {
                // The member is gone here whatever Redis says; its entry in the members hash
                // outlives it until the hash expires.
                LOG.log(System.Logger.Level.INFO, "room {0}: leave of {1} not shared: {2}", name, member.id(), e.toString());
            }
        }
    }

    @Override
    public void publish(String name, Member from, String text) {
        LocalRoom room = rooms.get(name);
        if (room == null || !room.seats.contains(from)) {
            return; // left (or never joined) while its message was on the way
        }
        String message = json.write(out -> {
            out.write("type", "message");
            from.writeAs("from", out);
            out.write("text", text).write("time", RoomEvent.TIME.format(clock.instant()));
        });
        try {
            redis.eval(PUBLISH_MESSAGE, ScriptOutputType.VALUE, new String[] {stream(name), channel(name)},
                    Integer.toString(historySize), message, Long.toString(KEYS_EXPIRE_AFTER.toMillis()));
        } catch (RedisException e) {
            throw new RoomsUnavailableException(e);
        }
    }

    /** A join or leave, on the channel with the messages, so it takes its place in their order. */
    private void announce(String name, String type, Member member) {
        String event = json.write(out -> {
            out.write("type", type);
            member.writeAs("member", out);
            out.write("time", RoomEvent.TIME.format(clock.instant()));
        });
        redis.publish(channel(name), NO_ID + "\n" + event);
    }

    /** On the dispatcher thread: one event from the channel, to this node's members of the room. */
    private void deliver(String channel, String event) {
        String name = roomOf(channel);
        LocalRoom room = rooms.get(name);
        int newline = event.indexOf('\n');
        JsonObject fields = json.readObject(event.substring(newline + 1)).orElse(null);
        if (room == null || newline < 0 || fields == null) {
            return;
        }
        String id = event.substring(0, newline);
        synchronized (room) {
            switch (fields.getString("type", "")) {
                case "message" -> {
                    StreamId streamId = StreamId.parse(id);
                    String text = json.write(chatMessage(name, id, fields));
                    for (Seat seat : room.seats.all()) {
                        if (streamId.compareTo(seat.seen) > 0) { // not already in its welcome's history
                            seat.seen = streamId;
                            seat.recipient.deliver(text);
                        }
                    }
                }
                case "join", "leave" -> {
                    Member member = member(fields.getJsonObject("member"));
                    Instant time = Instant.parse(fields.getString("time"));
                    RoomEvent change = fields.getString("type").equals("join")
                            ? new RoomEvent.Joined(name, member, time) : new RoomEvent.Left(name, member, time);
                    String text = json.write(change);
                    boolean joined = fields.getString("type").equals("join");
                    for (Seat seat : room.seats.all()) {
                        // The others, as on one node; and not a join its welcome already listed.
                        boolean listed = seat.listedAtWelcome.remove(member.id());
                        if (!seat.member.id().equals(member.id()) && !(joined && listed)) {
                            seat.recipient.deliver(text);
                        }
                    }
                }
                default -> { }
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
        return json.write(out -> out.write("id", member.id()).write("name", member.name()));
    }

    @Override
    public List<Member> members(String name) {
        List<Member> members = new ArrayList<>();
        for (String value : redis.hgetall(membersKey(name)).values()) {
            json.readObject(value).map(RedisRoomHub::member).ifPresent(members::add);
        }
        return members;
    }

    @Override
    public List<ChatMessage> history(String name) {
        List<StreamMessage<String, String>> newestFirst = redis.xrevrange(stream(name), Range.create("-", "+"),
                Limit.from(historySize));
        List<ChatMessage> history = messages(name, newestFirst);
        Collections.reverse(history);
        return history;
    }

    /** {@code since} as a stream id if the stream still holds every message after it, else null. */
    private StreamId keptSince(String name, String since) {
        StreamId id;
        try {
            id = StreamId.parse(since);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
        List<StreamMessage<String, String>> oldest = redis.xrange(stream(name), Range.create("-", "+"), Limit.from(1));
        return !oldest.isEmpty() && StreamId.parse(oldest.get(0).getId()).compareTo(id) <= 0 ? id : null;
    }

    /** Every message the stream holds after {@code since}, oldest first. */
    private List<ChatMessage> historyAfter(String name, StreamId since) {
        Range<String> after = Range.from(Range.Boundary.excluding(since.toString()), Range.Boundary.unbounded());
        return messages(name, redis.xrange(stream(name), after));
    }

    /** Stream entries as the room's message events, in the entries' order. */
    private List<ChatMessage> messages(String name, List<StreamMessage<String, String>> entries) {
        List<ChatMessage> messages = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            json.readObject(entry.getBody().get("m")).ifPresent(fields -> messages.add(chatMessage(name, entry.getId(), fields)));
        }
        return messages;
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
        subscriptions.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static final class Seat {
        final Member member;
        final Recipient recipient;
        StreamId seen; // the newest message this member has, from its welcome or since
        // Members its welcome listed whose join may still be on its way from another node.
        final Set<String> listedAtWelcome = new HashSet<>();

        Seat(Member member, Recipient recipient, StreamId seen, List<Member> listed) {
            this.member = member;
            this.recipient = recipient;
            this.seen = seen;
            listed.forEach(other -> listedAtWelcome.add(other.id()));
        }
    }

    /** This node's members of one room; changed with the room locked. */
    private static final class LocalRoom {
        private final Seats<Seat> seats = new Seats<>(seat -> seat.member);
        private boolean retired;

        LocalRoom(String name) {
        }
    }
}
