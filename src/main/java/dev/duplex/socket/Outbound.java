package dev.duplex.socket;

import java.nio.ByteBuffer;

/** A message on its way to one client. */
public sealed interface Outbound {

    /** Its weight against the outbox's byte bound: UTF-16 units for text, bytes for binary. */
    int size();

    record Text(String text) implements Outbound {
        @Override
        public int size() {
            return text.length();
        }
    }

    /** The buffer must not be changed after it is queued. */
    record Binary(ByteBuffer data) implements Outbound {
        @Override
        public int size() {
            return data.remaining();
        }
    }

    /** The heartbeat's ping: a control frame, not a message, so no bound applies to it. */
    record Ping() implements Outbound {
        @Override
        public int size() {
            return 0;
        }
    }
}
