package dev.duplex.room;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.socket.Outbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rooms of one node, in memory. Each room is locked while it changes or broadcasts, which is what
 * gives all members one order; a broadcast only queues text on each member's outbox, so the lock is
 * never held across network I/O.
 */
public final class InMemoryRoomHub implements RoomHub {

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
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
        this.broadcast = RoomHub.broadcastTimer(registry, "memory");
        this.json = json;
        this.clock = clock;
        this.historySize = historySize;
        this.presence = new Presence(presenceLimit);
        this.idPrefix = Long.toString(clock.millis(), 36) + "-";
    }

    @Override
    public void join(String name, Member member, String since, Recipient recipient) {
        while (true) {
            Room room = rooms.computeIfAbsent(name, Room::new);
            synchronized (room) {
                if (room.retired) {
                    continue; // emptied and removed since we looked it up: take the new one
                }
                int members = room.seats.size() + 1;
                Presence.Notice notice = presence.onJoin(members);
                if (notice == Presence.Notice.ANNOUNCE) {
                    room.broadcast(json.write(new RoomEvent.Joined(name, member, clock.instant()))); // to the others
                }
                room.seats.add(new Seat(member, recipient));
                List<ChatMessage> history = room.history();
                if (since != null) {
                    int at = indexOf(history, since);
                    if (at < 0) {
                        recipient.deliver(new Outbound.Text(json.write(new RoomEvent.Resync(name, since))));
                    } else {
                        history = history.subList(at + 1, history.size());
                    }
                }
                recipient.deliver(new Outbound.Text(
                        json.write(new RoomEvent.Welcome(name, member, room.listedFor(member), members, history))));
                if (notice == Presence.Notice.SNAPSHOT) {
                    room.broadcast(json.write(room.snapshot(members))); // to all, the newcomer after its welcome, as on Redis
                }
                return;
            }
        }
    }

    private static int indexOf(List<ChatMessage> history, String id) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
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
            if (room.seats.isEmpty()) {
                room.retired = true;
                rooms.remove(name, room);
            } else {
                switch (presence.onLeave(room.seats.size())) {
                    case ANNOUNCE -> room.broadcast(json.write(new RoomEvent.Left(name, member, clock.instant())));
                    case SNAPSHOT -> room.broadcast(json.write(room.snapshot(room.seats.size())));
                    case NOTHING -> { }
                }
            }
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
            room.broadcast(json.write(message)); // serialized once, whatever the number of members
        }
        broadcast.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
    }

    @Override
    public List<Member> members(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return room.seats.members();
        }
    }

    @Override
    public List<ChatMessage> history(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return room.history();
        }
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public int memberCount() {
        return rooms.values().stream().mapToInt(room -> room.seats.size()).sum();
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

        void broadcast(String event) {
            Outbound.Text shared = new Outbound.Text(event); // measured once for all
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
