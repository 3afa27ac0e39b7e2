package dev.duplex.room;

/**
 * Who-is-here for rooms up to {@code limit} members. Announcing every join to every member costs a
 * room of n members n²/2 deliveries to fill, and a welcome listing them all grows with n: above the
 * limit a room stops announcing joins and leaves, and a welcome lists only {@code limit} members
 * beside the room's member count.
 */
record Presence(int limit) {

    Presence {
        if (limit < 0) {
            throw new IllegalArgumentException("presence limit must be 0 or more, was " + limit);
        }
    }

    /** Whether a join or leave is announced, given the room's size counting that member. */
    boolean announces(long membersCountingIt) {
        return membersCountingIt <= limit;
    }
}
