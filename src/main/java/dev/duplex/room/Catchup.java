package dev.duplex.room;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.socket.Outbound;
import java.util.List;

/**
 * What a newcomer's welcome brings of the room's past, the same rule on every hub: the room's
 * recent messages (its history, oldest first); or, for a client coming back with {@code since},
 * the recent messages after that one. When {@code since} is not among them (too old, from another
 * room, or no message id at all) nothing proves the client missed nothing, so it is told to
 * {@code resync} and gets the recent messages as a newcomer would. A history of 0 keeps no
 * message, so every {@code since} gets a resync.
 */
public record Catchup(boolean resync, List<ChatMessage> history) {

    public static Catchup of(String since, List<ChatMessage> recent) {
        if (since == null) {
            return new Catchup(false, recent);
        }
        for (int i = 0; i < recent.size(); i++) {
            if (recent.get(i).id().equals(since)) {
                return new Catchup(false, recent.subList(i + 1, recent.size()));
            }
        }
        return new Catchup(true, recent);
    }

    /** Hands the newcomer its resync, if any, then its welcome with this history. */
    public void greet(Recipient newcomer, JsonCodec json, String room, String since, Member you, List<Member> members,
            long memberCount) {
        if (resync) {
            newcomer.deliver(new Outbound.Text(json.write(new RoomEvent.Resync(room, since))));
        }
        newcomer.deliver(new Outbound.Text(json.write(new RoomEvent.Welcome(room, you, members, memberCount, history))));
    }
}
