package dev.duplex.room.memory;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code client_id}s of one node's recent messages, each with the id its message got: a repeat
 * from the same sender in the same room is acknowledged with that id and not delivered again.
 * Bounded in time ({@code remembered}) and in size ({@code max} entries, the oldest forgotten first),
 * so a client that invents a new id per message costs a fixed amount of memory. Thread-safe.
 */
final class RecentClientIds {

    /** Far more than a node's members send in ten minutes at an ordinary pace; 100,000 entries are a few tens of MB. */
    static final int MAX_ENTRIES = 100_000;

    private record Key(String room, String sender, String clientId) {
    }

    private record Entry(String messageId, long atMillis) {
    }

    private final long rememberedMillis;
    private final int max;
    private final LinkedHashMap<Key, Entry> byKey = new LinkedHashMap<>(); // oldest first

    RecentClientIds(Duration remembered, int max) {
        this.rememberedMillis = remembered.toMillis();
        this.max = max;
    }

    /** The id of the message this sender sent with this client id, or null if none is remembered. */
    synchronized String firstId(String room, String sender, String clientId, long nowMillis) {
        forgetOlderThan(nowMillis - rememberedMillis);
        Entry entry = byKey.get(new Key(room, sender, clientId));
        return entry == null ? null : entry.messageId();
    }

    synchronized void remember(String room, String sender, String clientId, String messageId, long nowMillis) {
        byKey.put(new Key(room, sender, clientId), new Entry(messageId, nowMillis));
        Iterator<Map.Entry<Key, Entry>> oldest = byKey.entrySet().iterator();
        while (byKey.size() > max) {
            oldest.next();
            oldest.remove();
        }
    }

    synchronized int size() {
        return byKey.size();
    }

    private void forgetOlderThan(long cutoffMillis) {
        Iterator<Map.Entry<Key, Entry>> oldest = byKey.entrySet().iterator();
        while (oldest.hasNext() && oldest.next().getValue().atMillis() < cutoffMillis) {
            oldest.remove();
        }
    }
}
