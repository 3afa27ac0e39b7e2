package dev.duplex.room.redis;

/**
 * A Redis stream entry id, {@code <milliseconds>-<sequence>}: the id of a message in a shared room,
 * ordered as Redis ordered the messages.
 */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    static final StreamId ZERO = new StreamId(0, 0);

    static StreamId parse(String id) {
        int dash = id.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("not a stream id: " + id);
        }
        long millis = Long.parseLong(id.substring(0, dash));
        long sequence = Long.parseLong(id.substring(dash + 1));
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("not a stream id: " + id);
        }
        return new StreamId(millis, sequence);
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
