package dev.duplex.room.memory;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Catchup;
import dev.duplex.room.LocalRooms;
import dev.duplex.room.Member;
import dev.duplex.room.Presence;
import dev.duplex.room.Recipient;
import dev.duplex.room.RoomEvent;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.RoomHub;
import dev.duplex.room.RoomMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rooms of one node, in memory. Each room is locked while it changes or broadcasts, which is what
 * gives all members one order; a broadcast only queues text on each member's outbox, so the lock is
 * never held across network I/O. Every call completes before it returns. Client ids are remembered
 * per node ({@link RecentClientIds}: ten minutes, at most {@value RecentClientIds#MAX_ENTRIES}).
 */
public final class InMemoryRoomHub implements RoomHub {

    private final LocalRooms<MemoryRoom> rooms;
    private final JsonCodec json;
    private final Clock clock;
    private final Presence presence;
    // Message ids: this hub's start time (base 36) and a counter, so ids stay unique across restarts.
    private final String idPrefix;
    private final AtomicLong messageCounter = new AtomicLong();
    private final RecentClientIds clientIds = new RecentClientIds(CLIENT_ID_REMEMBERED, RecentClientIds.MAX_ENTRIES);
    private final Timer broadcast;

    /**
     * {@code presenceLimit}: rooms up to this many members announce joins and leaves ({@link Presence});
     * {@code registry}: where the broadcast latency goes.
     */
    public InMemoryRoomHub(JsonCodec json, Clock clock, int historySize, int presenceLimit, MeterRegistry registry) {
        this.broadcast = RoomMeters.broadcast(registry, "memory");
        this.json = json;
        this.clock = clock;
        this.presence = new Presence(presenceLimit);
        this.rooms = new LocalRooms<>(name -> new MemoryRoom(name, json, presence, historySize), room -> room.seats);
        this.idPrefix = Long.toString(clock.millis(), 36) + "-";
    }

    @Override
    public CompletionStage<Void> join(String name, Member member, String since, Recipient recipient) {
        while (true) {
            MemoryRoom room = rooms.open(name);
            synchronized (room) {
                if (room.retired) {
                    continue; // emptied and removed since we looked it up: take the new one
                }
                int members = room.seats.size() + 1;
                Presence.Notice notice = presence.onJoin(members);
                notice.then(() -> room.broadcast(new RoomEvent.Joined(name, member, clock.instant())), () -> { });
                room.seats.add(new MemoryRoom.Seat(member, recipient)); // after the join went out: to the others only
                Catchup.of(since, room.history()).greet(recipient, json, name, since, member, room.listedFor(member),
                        members);
                // To all, the newcomer after its welcome, as on Redis.
                notice.then(() -> { }, () -> room.broadcast(room.snapshot(members)));
                return CompletableFuture.completedFuture(null);
            }
        }
    }

    @Override
    public void leave(String name, Member member) {
        MemoryRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (!room.seats.remove(member)) {
                return;
            }
            int left = room.seats.size();
            if (left == 0) {
                room.retired = true;
                rooms.remove(name, room);
                return;
            }
            presence.onLeave(left).then(() -> room.broadcast(new RoomEvent.Left(name, member, clock.instant())),
                    () -> room.broadcast(room.snapshot(left)));
        }
    }

    @Override
    public void publish(String name, Member from, String text, String clientId) {
        long arrived = System.nanoTime();
        MemoryRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (!room.seats.contains(from)) {
                return; // left (or never joined) while its message was on the way
            }
            if (clientId != null) {
                String first = clientIds.firstId(name, from.senderKey(), clientId, clock.millis());
                if (first != null) {
                    room.tell(from, new RoomEvent.Ack(clientId, first));
                    return;
                }
            }
            ChatMessage message = place(room, from, text);
            if (clientId != null) {
                clientIds.remember(name, from.senderKey(), clientId, message.id(), clock.millis());
                room.tell(from, new RoomEvent.Ack(clientId, message.id())); // after the message itself
            }
        }
        broadcast.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
    }

    /** Gives the message its id and place: kept, and to every member. Called with the room locked. */
    private ChatMessage place(MemoryRoom room, Member from, String text) {
        ChatMessage message = newMessage(room.name, from, text);
        room.remember(message);
        room.broadcast(message); // serialized once, whatever the number of members
        return message;
    }

    private ChatMessage newMessage(String room, Member from, String text) {
        return new ChatMessage(room, idPrefix + messageCounter.incrementAndGet(), from, text, clock.instant());
    }

    @Override
    public void typing(String name, Member from) {
        MemoryRoom room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.seats.contains(from)) {
                room.broadcastToOthers(new RoomEvent.Typing(name, from), from);
            }
        }
    }

    @Override
    public CompletionStage<ChatMessage> post(String name, Member from, String text) {
        MemoryRoom room = rooms.get(name);
        if (room != null) {
            synchronized (room) {
                if (!room.retired) {
                    return CompletableFuture.completedFuture(place(room, from, text));
                }
            }
        }
        return CompletableFuture.completedFuture(newMessage(name, from, text)); // no room: nobody to get it, nothing kept
    }

    @Override
    public CompletionStage<RoomSnapshot> describe(String name) {
        MemoryRoom room = rooms.get(name);
        if (room == null) {
            return CompletableFuture.completedFuture(new RoomSnapshot(0, List.of()));
        }
        synchronized (room) {
            return CompletableFuture.completedFuture(
                    new RoomSnapshot(room.seats.size(), room.seats.members(presence.limit())));
        }
    }

    @Override
    public CompletionStage<List<ChatMessage>> messages(String name, String since, int limit) {
        MemoryRoom room = rooms.get(name);
        List<ChatMessage> kept;
        if (room == null) {
            kept = List.of();
        } else {
            synchronized (room) {
                kept = room.history();
            }
        }
        try {
            return CompletableFuture.completedFuture(List.copyOf(HistoryPage.of(kept, since, limit)));
        } catch (IllegalArgumentException badQuery) {
            return CompletableFuture.failedFuture(badQuery);
        }
    }

    @Override
    public CompletionStage<Void> remove(String name, String user) {
        MemoryRoom room = rooms.get(name);
        if (room == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<MemoryRoom.Seat> removed;
        synchronized (room) {
            removed = room.seatsOf(user);
        }
        // Outside the lock: the recipient's close leaves the room too (then finding nothing to remove).
        for (MemoryRoom.Seat seat : removed) {
            seat.recipient().removed();
            leave(name, seat.member());
        }
        return CompletableFuture.completedFuture(null);
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
        return new Status("memory", true);
    }

    @Override
    public void close() {
        // nothing beyond memory
    }
}
