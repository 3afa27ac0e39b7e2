package dev.duplex.room.memory;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import dev.duplex.room.Presence;
import dev.duplex.room.Recipient;
import dev.duplex.room.RoomEvent;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.Seats;
import dev.duplex.socket.Outbound;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** One in-memory room's state; every method is called with the room locked. */
final class MemoryRoom {

    record Seat(Member member, Recipient recipient) {
    }

    final String name;
    final Seats<Seat> seats = new Seats<>(Seat::member);
    private final ArrayDeque<ChatMessage> history = new ArrayDeque<>();
    private final JsonCodec json;
    private final Presence presence;
    private final int historySize;
    boolean retired;

    MemoryRoom(String name, JsonCodec json, Presence presence, int historySize) {
        this.name = name;
        this.json = json;
        this.presence = presence;
        this.historySize = historySize;
    }

    void broadcast(RoomEvent event) {
        Outbound.Text shared = new Outbound.Text(json.write(event)); // serialized and measured once for all
        for (Seat seat : seats.all()) {
            seat.recipient().deliver(shared);
        }
    }

    /** To every member but {@code from}. */
    void broadcastToOthers(RoomEvent event, Member from) {
        Outbound.Text shared = new Outbound.Text(json.write(event));
        for (Seat seat : seats.all()) {
            if (!seat.member().id().equals(from.id())) {
                seat.recipient().deliver(shared);
            }
        }
    }

    void tell(Member member, RoomEvent event) {
        Seat seat = seats.get(member);
        if (seat != null) {
            seat.recipient().deliver(new Outbound.Text(json.write(event)));
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

    /** The seats of {@code user}'s connections. */
    List<Seat> seatsOf(String user) {
        return seats.all().stream().filter(seat -> user.equals(seat.member().user())).toList();
    }
}
