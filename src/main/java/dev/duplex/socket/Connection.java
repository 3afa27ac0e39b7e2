package dev.duplex.socket;

import dev.duplex.config.Settings;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * One client's WebSocket as the endpoints see it: whole incoming messages, checked against a size
 * limit, and one outbound path through an {@link Outbox}.
 */
public final class Connection {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final Session session;
    private final Sink sink;
    private final Outbox outbox;

    public Connection(Session session, Settings settings) {
        this.session = session;
        this.sink = new SessionSink(session);
        this.outbox = new Outbox(sink, settings.outboxMaxMessages(), settings.outboxMaxBytes());
    }

    /** Delivers whole messages of at most {@code maxBytes}; a larger one closes the connection with 1009. */
    public void receive(int maxBytes, Consumer<String> texts, Consumer<ByteBuffer> binaries) {
        MessageAssembler assembler = new MessageAssembler(maxBytes);
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
            try {
                String whole = assembler.text(part, last);
                if (whole != null) {
                    texts.accept(whole);
                }
            } catch (MessageTooBigException e) {
                close(CloseCodes.TOO_BIG.getCode(), e.getMessage());
            }
        });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            try {
                ByteBuffer whole = assembler.binary(part, last);
                if (whole != null) {
                    binaries.accept(whole);
                }
            } catch (MessageTooBigException e) {
                close(CloseCodes.TOO_BIG.getCode(), e.getMessage());
            }
        });
    }

    /** Like {@link #receive}, for endpoints that speak text only: a binary message closes with 1003. */
    public void receiveText(int maxBytes, Consumer<String> texts) {
        receive(maxBytes, texts, binary -> close(CloseCodes.CANNOT_ACCEPT.getCode(), "text messages only"));
    }

    public void sendText(String text) {
        outbox.sendText(text);
    }

    public void sendBinary(ByteBuffer data) {
        outbox.send(new Outbound.Binary(data));
    }

    /** Closes with a WebSocket close code and a reason of at most 123 bytes; queued messages are dropped. */
    public void close(int code, String reason) {
        outbox.discard();
        sink.close(code, reason);
    }

    /** The container reports the connection closed: release what is queued. */
    public void closed() {
        outbox.discard();
    }

    public String sessionId() {
        return session.getId();
    }

    /**
     * The one way endpoints report errors. A client that vanishes mid-message is ordinary on the
     * internet, so I/O errors are logged at DEBUG (java.util.logging FINE); anything else once, at WARNING.
     */
    public static void logError(String endpoint, Session session, Throwable error) {
        if (error instanceof IOException || error.getCause() instanceof IOException) {
            LOG.log(Level.DEBUG, "{0} session {1}: connection lost: {2}", endpoint, session.getId(), error.toString());
        } else {
            LOG.log(Level.WARNING, endpoint + " session " + session.getId() + " failed", error);
        }
    }
}
