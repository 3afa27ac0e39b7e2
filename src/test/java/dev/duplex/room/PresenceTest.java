package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PresenceTest {

    @Test
    void aRoomOfExactlyTheLimitIsAnnounced() {
        assertTrue(new Presence(100).announces(100));
    }

    @Test
    void aRoomOfOneMoreThanTheLimitIsNot() {
        assertFalse(new Presence(100).announces(101));
    }

    @Test
    void aLimitOfZeroAnnouncesNothing() {
        assertFalse(new Presence(0).announces(1));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Presence(-1));
    }
}
