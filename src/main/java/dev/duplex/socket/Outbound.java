package dev.duplex.socket;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A message on its way to a client. */
public sealed interface Outbound {

    /** Its weight against the outbox's byte bound: UTF-16 units for text, bytes for binary. */
    int size();

    /**
     * A text message; a room hands one and the same to each of its members. Its UTF-8 length, which
     * the sent-bytes metric needs, is measured on first use and kept: a broadcast to 10,000 members
     * measures it once, not once per member.
     */
    final class Text implements Outbound {
        private final String text;
        private volatile long utf8Length = -1; // two threads may both measure it first: same result

        public Text(String text) {
            this.text = Objects.requireNonNull(text);
        }

        public String text() {
            return text;
        }

        @Override
        public int size() {
            return text.length();
        }

        public long utf8Length() {
            long length = utf8Length;
            if (length < 0) {
                length = MessageAssembler.utf8Length(text);
                utf8Length = length;
            }
            return length;
        }

        @Override
        public String toString() {
            return "Text[" + text + "]";
        }
    }

    /** For one connection only: sending consumes the buffer. It must not be changed after it is queued. */
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
