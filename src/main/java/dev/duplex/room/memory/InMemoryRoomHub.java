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
import dev.duplex.room.Seats;
import dev.duplex.socket.Outbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rooms of one node, in memory. Each room is locked while it changes or broadcasts, which is what
 * gives all members one order; a broadcast only queues text on each member's outbox, so the lock is
 * never held across network I/O. Every call completes before it returns.
 */
public final class InMemoryRoomHub implements RoomHub {

    private final LocalRooms<Room> rooms = new LocalRooms<>(Room::new, room -> room.seats);
    private final JsonCodec json;
    private final Clock clock;
    private final int historySize;
    private final Presence presence;
    // Message ids: this hub's start time (base 36) and a counter, so ids stay unique across restarts.
    private final String idPrefix;
    private final AtomicLong messageCounter = new AtomicLong();
    private final Timer broadcast;

    /**
     * {@code presenceLimit}: rooms up to this many members announce joins and leaves ({@link Presence});
     * {@code registry}: where the broadcast latency goes.
     */
    public InMemoryRoomHub(JsonCodec json, Clock clock, int historySize, int presenceLimit, MeterRegistry registry) {
        this.broadcast = RoomMeters.broadcast(registry, "memory");
        this.json = json;
        this.clock = clock;
        this.historySize = historySize;
        this.presence = new Presence(presenceLimit);
        this.idPrefix = Long.toString(clock.millis(), 36) + "-";
    }

    @Override
    public CompletionStage<Void> join(String name, Member member, String since, Recipient recipient) {
        while (true) {
            Room room = rooms.open(name);
            synchronized (room) {
                if (room.retired) {
                    continue; // emptied and removed since we looked it up: take the new one
                }
                int members = room.seats.size() + 1;
                Presence.Notice notice = presence.onJoin(members);
                notice.then(() -> room.broadcast(new RoomEvent.Joined(name, member, clock.instant())), () -> { });
                room.seats.add(new Seat(member, recipient)); // after the join went out: to the others only
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
        Room room = rooms.get(name);
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
    public void publish(String name, Member from, String text) {
        long arrived = System.nanoTime();
        Room room = rooms.get(name);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (!room.seats.contains(from)) {
                return; // left (or never joined) while its message was on the way
            }
            ChatMessage message = new ChatMessage(name, idPrefix + messageCounter.incrementAndGet(), from, text,
                    clock.instant());
            room.remember(message);
            room.broadcast(message); // serialized once, whatever the number of members
        }
        broadcast.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
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

    private record Seat(Member member, Recipient recipient) {
    }

    /** One room's state; every method is called with the room locked. */
    private final class Room {
        private final String name;
        private final Seats<Seat> seats = new Seats<>(Seat::member);
        private final ArrayDeque<ChatMessage> history = new ArrayDeque<>();
        private boolean retired;

        Room(String name) {
            this.name = name;
        }

        void broadcast(RoomEvent event) {
            Outbound.Text shared = new Outbound.Text(json.write(event)); // serialized and measured once for all
            for (Seat seat : seats.all()) {
                seat.recipient().deliver(shared);
            }
        }

        RoomEvent.Members snapshot(int memberCount) {
            return new RoomEvent.Members(name, seats.members(presence.limit()), memberCount);
        }

        /** A welcome's members: all of a small room; of a big one, the longest present and the newcomer. */
        List<Member> listedFor(Member newcomer) {
            if (presence.small(seats.size())) {
                return seats.members();
            }
            List<Member> listed = new ArrayList<>(seats.members(Math.max(presence.limit() - 1, 0)));
            listed.add(newcomer);
            return listed;
        }

        void remember(ChatMessage message) {
            if (historySize == 0) {
                return;
            }
            if (history.size() == historySize) {
                history.removeFirst();
            }
            history.addLast(message);
        }

        List<ChatMessage> history() {
            return List.copyOf(history);
        }
    }
}
