package dev.duplex.socket;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one outbound path of a session: messages are queued and written one at a time, so two sends
 * never overlap (Tomcat throws {@code TEXT_FULL_WRITING} if they do) and the caller never waits for
 * the network. The queue is bounded; a client that lets it fill is closed with 1008, because a
 * member that cannot keep up must not make the server hold its messages without limit.
 */
public final class Outbox {

    /** WebSocket close code 1008, "policy violation". */
    static final int POLICY_VIOLATION = 1008;

    private final Sink sink;
    private final int maxMessages;
    private final long maxBytes;

    // Guarded by this.
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;

    public Outbox(Sink sink, int maxMessages, long maxBytes) {
        this.sink = sink;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    public void sendText(String text) {
        send(new Outbound.Text(text));
    }

    public void send(Outbound message) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = queue.size() >= maxMessages || queuedBytes + message.size() > maxBytes;
            if (overflow) {
                closed = true;
                queue.clear();
                queuedBytes = 0;
            } else {
                queue.add(message);
                queuedBytes += message.size();
                if (writing) {
                    return;
                }
                writing = true;
            }
        }
        if (overflow) {
            sink.close(POLICY_VIOLATION, "client too slow: more than " + maxMessages + " messages or " + maxBytes
                    + " bytes waiting");
        } else {
            writeQueued();
        }
    }

    /** Drops what is queued and refuses further messages; the connection is going away. */
    public synchronized void discard() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }

    /**
     * Writes until the queue is empty or a write is still in flight. A write that completes at once
     * calls back on this thread; looping here instead of recursing from the callback keeps the stack
     * flat however long the queue is.
     */
    private void writeQueued() {
        while (true) {
            Outbound next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || closed) {
                    writing = false;
                    return;
                }
                queuedBytes -= next.size();
            }
            Handoff handoff = new Handoff();
            sink.send(next, error -> {
                if (error != null) {
                    discard();
                }
                if (!handoff.completedInline()) {
                    writeQueued(); // the write finished later, on another thread: carry on there
                }
            });
            if (handoff.stillInFlight()) {
                return;
            }
        }
    }

    /** Decides which thread continues after a send: the sender if it completed inline, else the callback. */
    private static final class Handoff {
        private static final int PENDING = 0;
        private static final int INLINE = 1;
        private static final int IN_FLIGHT = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        /** Called by the completion callback: true if the sending thread has not yet left. */
        boolean completedInline() {
            return state.compareAndSet(PENDING, INLINE);
        }

        /** Called by the sending thread after send returned: true if the callback has not run yet. */
        boolean stillInFlight() {
            return state.compareAndSet(PENDING, IN_FLIGHT);
        }
    }
}
