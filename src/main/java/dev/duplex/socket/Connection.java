package dev.duplex.socket;

import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One client's WebSocket as the endpoints see it: whole incoming messages, checked against a size
 * limit, one outbound path through an {@link Outbox}, and the time the client was last heard from,
 * for the heartbeat. Made by {@link Connections#open}.
 */
public final class Connection implements Connections.Live {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final Session session;
    private final Sink sink;
    private final Sink toSession; // the sink as given: sink counts what it sends and closes once
    private final Outbox outbox;
    private final Connections registry;
    private final LongSupplier nanoClock;
    private volatile long lastHeardNanos;
    private volatile Runnable onServerClose = () -> { };
    private final AtomicBoolean goodbyeSent = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final long openedNanos;
    private final String endpoint;
    private final EndpointMeters meters;
    private volatile String label;
    private final Principal user;
    private volatile Future<?> expiry; // its sign-in's end: cancelled once closed

    /**
     * {@code sink} writes to the session; {@code outboxFor} builds the outbox on the sink this
     * connection hands it, whose close goes through {@link #closeLater}.
     */
    Connection(Session session, String endpoint, Sink sink, Function<Sink, Outbox> outboxFor, Connections registry,
            EndpointMeters meters, LongSupplier nanoClock, Principal user) {
        this.session = session;
        this.user = user;
        this.toSession = sink;
        this.endpoint = endpoint;
        this.meters = meters;
        this.label = endpoint;
        this.sink = new Sink() {
            @Override
            public void send(Outbound message, Consumer<Throwable> done) {
                if (!(message instanceof Outbound.Ping)) {
                    meters.sent().increment();
                    meters.sentBytes().increment(bytes(message));
                }
                sink.send(message, done);
            }

            @Override
            public void close(int code, String reason) {
                if (closing.compareAndSet(false, true)) { // once, whatever asks first
                    registry.closing(Connection.this);
                    registry.closeLater(onServerClose, () -> sink.close(code, reason));
                }
            }
        };
        this.outbox = outboxFor.apply(this.sink);
        this.registry = registry;
        this.nanoClock = nanoClock;
        this.lastHeardNanos = nanoClock.getAsLong();
        this.openedNanos = lastHeardNanos;
        session.addMessageHandler(PongMessage.class, pong -> heard());
        LOG.log(Level.DEBUG, "{0} connection {1} opened", label, session.getId());
    }

    /** Who connects, as {@link Admittance} admitted them; null when nobody signs in. */
    public Principal user() {
        return user;
    }

    void expireWith(Future<?> expiry) {
        this.expiry = expiry;
        if (closing.get() && expiry != null) { // closed while it was scheduled
            expiry.cancel(false);
        }
    }

    /** What the log lines call this connection, e.g. {@code room lobby} once the room is known. */
    public void label(String label) {
        this.label = label;
    }

    /**
     * Runs {@code action} when the server closes this connection, before the close is sent: a room
     * member leaves its room at once, not only when the container reports the close.
     */
    public void onServerClose(Runnable action) {
        onServerClose = action;
    }

    /** Delivers whole messages of at most {@code maxBytes}; a larger one closes the connection with 1009. */
    public void receive(int maxBytes, Consumer<String> texts, Consumer<ByteBuffer> binaries) {
        MessageAssembler assembler = new MessageAssembler(maxBytes);
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
            heard();
            handle(() -> { // the container may pass on frames until the client answers our close
                String whole = assembler.text(part, last);
                if (whole != null) {
                    received(assembler.wholeBytes());
                    texts.accept(whole);
                }
            });
        });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            heard();
            handle(() -> {
                ByteBuffer whole = assembler.binary(part, last);
                if (whole != null) {
                    received(assembler.wholeBytes());
                    binaries.accept(whole);
                }
            });
        });
    }

    /** Like {@link #receive}, for endpoints that speak text only: a binary message closes with 1003. */
    public void receiveText(int maxBytes, Consumer<String> texts) {
        receive(maxBytes, texts, binary -> close(CloseCodes.CANNOT_ACCEPT.getCode(), "text messages only"));
    }

    private void received(long bytes) {
        meters.received().increment();
        meters.receivedBytes().increment(bytes);
    }

    private static long bytes(Outbound message) {
        if (message instanceof Outbound.Text text) {
            return text.utf8Length();
        }
        return message instanceof Outbound.Binary binary ? binary.data().remaining() : 0;
    }

    /** Where this connection's traffic is counted; the endpoint counts its own refusals there too. */
    public EndpointMeters meters() {
        return meters;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    private interface Handling {
        void run() throws MessageTooBigException;
    }

    /**
     * Runs the endpoint's handling of one message part. A failure of duplex's own code is logged with
     * its stack trace and ends the connection with 1011; the client learns no more than that.
     */
    private void handle(Handling handling) {
        if (closing.get()) {
            return;
        }
        try {
            handling.run();
        } catch (MessageTooBigException e) {
            close(CloseCodes.TOO_BIG.getCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "session " + session.getId() + ": message handling failed", e);
            close(CloseCodes.UNEXPECTED_CONDITION.getCode(), "internal error");
        }
    }

    private void heard() {
        lastHeardNanos = nanoClock.getAsLong();
    }

    public void sendText(String text) {
        send(new Outbound.Text(text));
    }

    /** {@code text} may go to other connections too (a room's broadcast): it is only read. */
    public void send(Outbound.Text text) {
        outbox.send(text);
    }

    public void sendBinary(ByteBuffer data) {
        outbox.send(new Outbound.Binary(data));
    }

    /**
     * Closes with a WebSocket close code and a reason of at most 123 bytes; queued messages are
     * dropped. The close is sent from another thread, as sending it may wait on a stalled client and
     * the caller may hold a room's lock.
     */
    @Override
    public void close(int code, String reason) {
        outbox.discard();
        sink.close(code, reason);
    }

    /**
     * The node is stopping: the client gets what is queued for it, then the close. The server leaves
     * its room first, as on any close of its own, and nothing more is queued for it. Completes once
     * the close is handed to the container; at once if the connection was closing already.
     */
    @Override
    public CompletableFuture<Void> goodbye(int code, String reason) {
        CompletableFuture<Void> said = new CompletableFuture<>();
        if (!closing.compareAndSet(false, true)) {
            said.complete(null);
            return said;
        }
        registry.closing(this);
        // The last write may complete on a container's thread: the close, which may wait on the
        // client, is sent from the closer, as every close of the server's.
        registry.closeLater(onServerClose, () -> outbox.finish(() -> registry.closeLater(() -> { }, () -> {
            try {
                sayGoodbye(code, reason);
            } finally {
                said.complete(null);
            }
        })));
        return said;
    }

    @Override
    public void abort(int code, String reason) {
        outbox.discard();
        sayGoodbye(code, reason);
    }

    /** The goodbye's close, sent once: by the goodbye once the queue is out, or by {@link #abort}. */
    private void sayGoodbye(int code, String reason) {
        if (goodbyeSent.compareAndSet(false, true)) {
            toSession.close(code, reason);
        }
    }

    @Override
    public void ping() {
        outbox.send(new Outbound.Ping());
    }

    @Override
    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    @Override
    public int waiting() {
        return outbox.waiting();
    }

    /** The container reports the connection closed: release what is queued, and log it (never content). */
    public void closed(CloseReason reason) {
        outbox.discard();
        Future<?> pending = expiry;
        if (pending != null) {
            pending.cancel(false);
        }
        registry.remove(this, reason.getCloseCode().getCode());
        LOG.log(Level.DEBUG, "{0} connection {1} closed: {2} {3}, after {4} ms", label, session.getId(),
                Integer.toString(reason.getCloseCode().getCode()), printable(reason.getReasonPhrase()), // "1000", not "1,000"
                Long.toString(TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - openedNanos)));
    }

    /** A client's close reason as one log line: control characters (a forged line break) become '?'. */
    private static String printable(String reason) {
        return reason == null ? "" : reason.replaceAll("\\p{Cntrl}", "?");
    }

    public String sessionId() {
        return session.getId();
    }

    /**
     * The one way endpoints report what the container passes to {@code onError}. Those are the
     * network's and the clients' faults (a reset connection, invalid UTF-8, a broken frame), which
     * are ordinary on the internet: one line at INFO, no stack trace. Failures of duplex's own code
     * are caught where they happen, see {@link #handle}.
     */
    public static void logError(String endpoint, Session session, Throwable error) {
        Throwable cause = error.getCause() != null && error.getMessage() == null ? error.getCause() : error;
        LOG.log(Level.INFO, "{0} session {1}: {2}", endpoint, session.getId(), cause.toString());
    }
}
