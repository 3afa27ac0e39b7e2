package dev.duplex.room.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentClientIdsTest {

    private static final long MINUTE = 60_000;

    private final RecentClientIds ids = new RecentClientIds(Duration.ofMinutes(10), 3);

    @Test
    void aRememberedClientIdAnswersItsMessagesId() {
        ids.remember("lobby", "u:ana", "c-1", "m-1", 0);
        assertEquals("m-1", ids.firstId("lobby", "u:ana", "c-1", MINUTE));
    }

    @Test
    void anotherSenderRoomOrClientIdIsNotTheSame() {
        ids.remember("lobby", "u:ana", "c-1", "m-1", 0);
        assertNull(ids.firstId("lobby", "u:bob", "c-1", 0));
        assertNull(ids.firstId("kitchen", "u:ana", "c-1", 0));
        assertNull(ids.firstId("lobby", "u:ana", "c-2", 0));
    }

    @Test
    void aClientIdIsForgottenAfterTenMinutes() {
        ids.remember("lobby", "u:ana", "c-1", "m-1", 0);
        assertEquals("m-1", ids.firstId("lobby", "u:ana", "c-1", 10 * MINUTE));
        assertNull(ids.firstId("lobby", "u:ana", "c-1", 10 * MINUTE + 1));
        assertEquals(0, ids.size());
    }

    @Test
    void pastTheBoundTheOldestIsForgottenFirst() {
        for (int i = 1; i <= 4; i++) {
            ids.remember("lobby", "u:ana", "c-" + i, "m-" + i, i);
        }
        assertEquals(3, ids.size());
        assertNull(ids.firstId("lobby", "u:ana", "c-1", 5));
        assertEquals("m-4", ids.firstId("lobby", "u:ana", "c-4", 5));
    }
}
