package dev.duplex.room;

/**
 * Who-is-here, for rooms of any size. Announcing every join to every member costs a room of n
 * members n²/2 deliveries to fill, so only a room of up to {@code limit} members announces each join
 * and leave. When a room grows past the limit, and when it shrinks back to it, its members get one
 * {@code members} snapshot instead, so that every client knows which of the two it is in and its
 * list is right again once the room is small. A limit of 0 turns presence off: no notices at all.
 */
public record Presence(int limit) {

    /** What the room's other members are told of one join or leave. */
    public enum Notice {
        ANNOUNCE, SNAPSHOT, NOTHING;

        /** Does what this notice asks for: the one place where a notice becomes an event. */
        public void then(Runnable announce, Runnable snapshot) {
            switch (this) {
                case ANNOUNCE -> announce.run();
                case SNAPSHOT -> snapshot.run();
                case NOTHING -> { }
            }
        }
    }

    public Presence {
        if (limit < 0) {
            throw new IllegalArgumentException("presence limit must be 0 or more, was " + limit);
        }
    }

    /** {@code membersAfter}: the room's size with the newcomer. */
    public Notice onJoin(long membersAfter) {
        if (limit == 0) {
            return Notice.NOTHING; // presence off
        }
        return membersAfter <= limit ? Notice.ANNOUNCE : membersAfter == limit + 1L ? Notice.SNAPSHOT : Notice.NOTHING;
    }

    /** {@code membersAfter}: the room's size without the member that left. */
    public Notice onLeave(long membersAfter) {
        if (limit == 0) {
            return Notice.NOTHING;
        }
        return membersAfter < limit ? Notice.ANNOUNCE : membersAfter == limit ? Notice.SNAPSHOT : Notice.NOTHING;
    }

    /** The largest room size, with the newcomer, whose joins are announced (0: none). */
    public int announcesJoinsUpTo() {
        return limit;
    }

    /** The largest room size, without the member that left, whose leaves are announced (-1: none). */
    public int announcesLeavesUpTo() {
        return limit - 1;
    }

    /** Whether a room of this size announces joins and leaves and lists all its members. */
    public boolean small(long members) {
        return members <= limit;
    }
}
