package dev.duplex.room.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.room.Member;
import dev.duplex.room.RoomEvent.ChatMessage;
import dev.duplex.room.redis.OutageBuffer.Pending;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageBufferTest {

    private final OutageBuffer buffer = new OutageBuffer();

    private static Pending pending(long sequence) {
        return new Pending(sequence, new ChatMessage("r", null, new Member("a", "a"), "t" + sequence, Instant.EPOCH), 0);
    }

    @Test
    void keptMessagesGoBackToRedisInTheirOrderWhateverOrderTheyFailedIn() {
        buffer.keep(pending(3));
        buffer.keep(pending(1));
        buffer.keep(pending(2));
        assertEquals(List.of(1L, 2L, 3L),
                buffer.keptInOrder().stream().map(Pending::sequence).toList());
    }

    @Test
    void aFailedAppendWhoseMessageCameBackMeanwhileIsNotKept() {
        buffer.sent(pending(1));
        assertEquals(-1, buffer.arrived(1));
        assertNull(buffer.takeFailed(1));
        assertTrue(buffer.isEmpty());
    }

    @Test
    void aKeptMessageThatComesBackSaysItWasDeliveredHereOnce() {
        buffer.keep(pending(4));
        assertEquals(4, buffer.arrived(4));
        assertEquals(-1, buffer.arrived(4));
    }

    @Test
    void aRoomKeepsAtMostItsBound() {
        for (int i = 1; i <= OutageBuffer.KEPT_MAX; i++) {
            assertTrue(buffer.keep(pending(i)));
        }
        assertFalse(buffer.keep(pending(OutageBuffer.KEPT_MAX + 1)));
    }
}
