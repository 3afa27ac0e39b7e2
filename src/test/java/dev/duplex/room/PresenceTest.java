package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.room.Presence.Notice;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private final Presence presence = new Presence(100);

    @Test
    void aJoinIsAnnouncedWhileTheRoomWithTheNewcomerIsWithinTheLimit() {
        assertEquals(Notice.ANNOUNCE, presence.onJoin(100));
    }

    @Test
    void theJoinThatTakesTheRoomPastTheLimitSendsASnapshot() {
        assertEquals(Notice.SNAPSHOT, presence.onJoin(101));
    }

    @Test
    void furtherJoinsPastTheLimitSendNothing() {
        assertEquals(Notice.NOTHING, presence.onJoin(102));
    }

    @Test
    void aLeaveIsAnnouncedWhileTheRoomCountingTheLeaverIsWithinTheLimit() {
        assertEquals(Notice.ANNOUNCE, presence.onLeave(99));
    }

    @Test
    void theLeaveThatBringsTheRoomBackToTheLimitSendsASnapshot() {
        assertEquals(Notice.SNAPSHOT, presence.onLeave(100));
    }

    @Test
    void leavesFromARoomStillPastTheLimitSendNothing() {
        assertEquals(Notice.NOTHING, presence.onLeave(101));
    }

    @Test
    void aLimitOfZeroSendsNoNoticeAtAll() {
        Presence off = new Presence(0);
        assertEquals(Notice.NOTHING, off.onJoin(1));
        assertEquals(Notice.NOTHING, off.onJoin(2));
        assertEquals(Notice.NOTHING, off.onLeave(1));
        assertEquals(Notice.NOTHING, off.onLeave(0));
    }

    @Test
    void aLimitOfOneSendsASnapshotWhenASecondMemberComesAndWhenOneIsLeftAlone() {
        Presence one = new Presence(1);
        assertEquals(Notice.SNAPSHOT, one.onJoin(2));
        assertEquals(Notice.SNAPSHOT, one.onLeave(1));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Presence(-1));
    }
}
