package dev.duplex.room.redis;

/**
 * Where a message in a shared room comes from: the node that published it and that node's own
 * sequence number for it. Redis remembers the room's recent origins, so a message sent twice (once
 * in doubt, once again after Redis came back) enters the room once.
 */
record Origin(String node, long sequence) {

    static final Origin NONE = new Origin("", 0);

    /** {@code node:sequence}, or {@link #NONE} for anything else. */
    static Origin parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            return NONE;
        }
        try {
            return new Origin(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException notOurs) {
            return NONE;
        }
    }

    @Override
    public String toString() {
        return node + ":" + sequence;
    }
}
