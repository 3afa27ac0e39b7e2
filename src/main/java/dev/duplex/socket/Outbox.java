package dev.duplex.socket;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * The one outbound path of a session: messages are queued and written one at a time, so two sends
 * never overlap (Tomcat throws {@code TEXT_FULL_WRITING} if they do) and the caller never waits for
 * the network, so one slow client never slows the sender or anyone else.
 *
 * <p>The queue is bounded. What happens to a client that fills it depends on the endpoint:
 * <ul>
 * <li>{@link #closingWhenFull}: it is closed with 1008. Echo and rewrite answer the client's own
 *     messages, and a missing answer would be a silent loss.
 * <li>{@link #skippingWhenFull}: it falls behind. Messages for it are dropped and counted until its
 *     queue has drained to half, then it gets one notice with the count it missed, and normal
 *     delivery resumes. One that misses more than {@code maxSkipped} is closed with 1008. Room members
 *     get this, since a chat stays usable after a gap the client is told about.
 * </ul>
 */
public final class Outbox {

    /** WebSocket close code 1008, "policy violation". */
    static final int POLICY_VIOLATION = 1008;
    /** WebSocket close code 1011, "unexpected condition". */
    static final int UNEXPECTED_CONDITION = 1011;

    private final Sink sink;
    private final int maxMessages;
    private final long maxBytes;
    private final long maxSkipped;
    private final LongFunction<Outbound> skippedNotice; // null: close when full
    private final EndpointMeters meters;

    // Guarded by this.
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private int queuedMessages; // data messages only: pings are not counted
    private long queuedBytes;
    private boolean writing;
    private boolean closed;
    private boolean finishing; // takes no more messages, but writes those queued
    private Runnable afterQueued; // finish's action, until it has run
    private long skipped; // > 0 while behind

    private Outbox(Sink sink, int maxMessages, long maxBytes, long maxSkipped, LongFunction<Outbound> skippedNotice,
            EndpointMeters meters) {
        this.sink = sink;
        this.meters = meters;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.maxSkipped = maxSkipped;
        this.skippedNotice = skippedNotice;
    }

    /** {@code meters}: where the clients closed for slowness are counted. */
    public static Outbox closingWhenFull(Sink sink, int maxMessages, long maxBytes, EndpointMeters meters) {
        return new Outbox(sink, maxMessages, maxBytes, 0, null, meters);
    }

    /** {@code meters}: where the messages skipped and the clients closed for slowness are counted. */
    public static Outbox skippingWhenFull(Sink sink, int maxMessages, long maxBytes, long maxSkipped,
            LongFunction<Outbound> skippedNotice, EndpointMeters meters) {
        return new Outbox(sink, maxMessages, maxBytes, maxSkipped, skippedNotice, meters);
    }

    public void send(Outbound message) {
        String closeReason;
        synchronized (this) {
            if (closed || finishing) {
                return;
            }
            closeReason = admit(message);
            if (closeReason == null) {
                if (writing || queue.isEmpty()) {
                    return;
                }
                writing = true;
            } else {
                discardLocked();
            }
        }
        if (closeReason == null) {
            writeQueued();
        } else {
            meters.closedSlow().increment();
            sink.close(POLICY_VIOLATION, closeReason);
        }
    }

    /** Queues or drops {@code message}; a reason to close the client if it has fallen too far. */
    private String admit(Outbound message) {
        if (message instanceof Outbound.Ping) {
            queue.add(message);
            return null;
        }
        if (skipped > 0) {
            if (++skipped > maxSkipped) {
                return "client too slow: missed more than " + maxSkipped + " messages";
            }
            meters.skipped().increment();
            return null;
        }
        // The bound is on the backlog: a message is always taken when nothing waits, however big,
        // or a welcome with a long history could never reach a client.
        boolean full = queuedMessages > 0 && (queuedMessages >= maxMessages || queuedBytes + message.size() > maxBytes);
        if (full) {
            if (skippedNotice == null) {
                return "client too slow: more than " + maxMessages + " messages or " + maxBytes + " bytes waiting";
            }
            skipped = 1;
            meters.skipped().increment();
            return null;
        }
        queue.add(message);
        queuedMessages++;
        queuedBytes += message.size();
        return null;
    }

    /** How many messages are waiting, not counting the one being written: for metrics and tests. */
    public synchronized int waiting() {
        return queuedMessages;
    }

    /**
     * Drops what is queued and refuses further messages; the connection is going away. A
     * {@link #finish} still waiting for the queue runs its action now.
     */
    public void discard() {
        Runnable then;
        synchronized (this) {
            discardLocked();
            then = takeAfterQueued();
        }
        if (then != null) {
            then.run();
        }
    }

    /**
     * Takes no more messages, writes those queued, then runs {@code then}: here if nothing is being
     * written, else on the thread that completes the last write, or that {@link #discard}s the queue.
     * The goodbye at shutdown: the client gets everything queued for it before its close.
     */
    public void finish(Runnable then) {
        synchronized (this) {
            finishing = true;
            if (writing && !closed) { // while nothing is being written, nothing is queued: see send
                afterQueued = then;
                return;
            }
        }
        then.run();
    }

    /** Called with the lock held: finish's action, to be run once, outside the lock. */
    private Runnable takeAfterQueued() {
        Runnable then = afterQueued;
        afterQueued = null;
        return then;
    }

    private void discardLocked() {
        closed = true;
        queue.clear();
        queuedMessages = 0;
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
            Runnable then = null;
            synchronized (this) {
                noticeSkippedOnceCaughtUp();
                next = closed ? null : queue.poll();
                if (next == null) {
                    writing = false;
                    then = takeAfterQueued();
                } else if (!(next instanceof Outbound.Ping)) {
                    queuedMessages--;
                    queuedBytes -= next.size();
                }
            }
            if (next == null) {
                if (then != null) {
                    then.run(); // the queue is written: finish's action
                }
                return;
            }
            Handoff handoff = new Handoff();
            sink.send(next, error -> {
                if (error != null) {
                    // The connection is broken, or the container gave up on a client that does not
                    // read. Either way nothing more can reach it: end it, so its room hears it left.
                    discard();
                    sink.close(UNEXPECTED_CONDITION, "send failed");
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

    /** Called with the lock held. The notice goes after what was queued before the gap, where the gap is. */
    private void noticeSkippedOnceCaughtUp() {
        if (skipped > 0 && queuedMessages <= maxMessages / 2 && queuedBytes <= maxBytes / 2) {
            Outbound notice = skippedNotice.apply(skipped);
            queue.add(notice);
            queuedMessages++;
            queuedBytes += notice.size();
            skipped = 0;
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
