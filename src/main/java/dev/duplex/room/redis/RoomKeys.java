package dev.duplex.room.redis;

/**
 * One shared room's Redis keys. All carry the room in a hash tag, {@code {room}}, so a room's keys
 * live in one hash slot and a Lua script may touch them together, on one server or a cluster.
 */
record RoomKeys(String room) {

    private static final String PREFIX = "duplex:{";

    /** The capped stream of the room's last messages. */
    String messages() {
        return PREFIX + room + "}:messages";
    }

    /** Hash: member id → {@code {"id","name","node"}} for every member on every node. */
    String members() {
        return PREFIX + room + "}:members";
    }

    /** Set of the nodes that have members in the room, whose leases are checked. */
    String nodes() {
        return PREFIX + room + "}:nodes";
    }

    /** Sorted set: {@code node:sequence} of the room's recent messages, so a message sent twice enters once. */
    String sent() {
        return PREFIX + room + "}:sent";
    }

    /**
     * The stream id of the message {@code sender} ({@link dev.duplex.room.Member#senderKey}) sent with
     * {@code clientId}, for ten minutes. The sender's length comes first, so no two pairs make one key.
     */
    String acked(String sender, String clientId) {
        return PREFIX + room + "}:acked:" + sender.length() + ":" + sender + ":" + clientId;
    }

    /** The pub/sub channel of the room's live events. */
    String events() {
        return PREFIX + room + "}:events";
    }

    static RoomKeys ofChannel(String channel) {
        return new RoomKeys(channel.substring(channel.indexOf('{') + 1, channel.lastIndexOf('}')));
    }
}
