package dev.duplex.room.memory;

import dev.duplex.room.RoomEvent.ChatMessage;
import java.util.List;

/** A page of a room's kept messages, as {@link dev.duplex.room.RoomHub#messages} asks for it. */
final class HistoryPage {

    private HistoryPage() {
    }

    /** {@code kept} oldest first; throws IllegalArgumentException for a {@code since} not among them or a limit below 1. */
    static List<ChatMessage> of(List<ChatMessage> kept, String since, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        if (since == null) {
            return kept.subList(Math.max(kept.size() - limit, 0), kept.size());
        }
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).id().equals(since)) {
                return kept.subList(i + 1, Math.min(i + 1 + limit, kept.size()));
            }
        }
        throw new IllegalArgumentException("since is not a message the room keeps: " + since);
    }
}
