package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.room.RoomEvent.ChatMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatchupTest {

    private static ChatMessage message(String id) {
        return new ChatMessage("r", id, new Member("a", "a"), id, Instant.EPOCH);
    }

    private final List<ChatMessage> recent = List.of(message("1"), message("2"), message("3"));

    @Test
    void aNewcomerGetsTheRecentMessages() {
        assertEquals(new Catchup(false, recent), Catchup.of(null, recent));
    }

    @Test
    void aClientComingBackGetsWhatCameAfterItsLastMessage() {
        assertEquals(new Catchup(false, recent.subList(2, 3)), Catchup.of("2", recent));
        assertEquals(new Catchup(false, List.of()), Catchup.of("3", recent));
    }

    @Test
    void aSinceNotAmongTheRecentMessagesGetsAResyncAndTheRecentMessages() {
        assertEquals(new Catchup(true, recent), Catchup.of("0", recent));
        assertEquals(new Catchup(true, List.of()), Catchup.of("1", List.of()));
    }
}
