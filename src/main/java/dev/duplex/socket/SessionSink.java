package dev.duplex.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The {@link Sink} over a real WebSocket session: asynchronous sends, so no caller waits on a socket. */
final class SessionSink implements Sink {

    private static final System.Logger LOG = System.getLogger(SessionSink.class.getName());
    private static final int MAX_REASON_BYTES = 123;

    private final Session session;

    SessionSink(Session session) {
        this.session = session;
    }

    @Override
    public void send(Outbound message, Consumer<Throwable> done) {
        SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
        try {
            if (message instanceof Outbound.Text text) {
                session.getAsyncRemote().sendText(text.text(), handler);
            } else if (message instanceof Outbound.Binary binary) {
                session.getAsyncRemote().sendBinary(binary.data(), handler);
            } else if (message instanceof Outbound.Ping) {
                // Nothing else is in flight (the outbox sends one at a time), so this small write
                // does not wait behind a message, even where the container writes pings blocking.
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                done.accept(null);
            }
        } catch (IOException | RuntimeException e) {
            // The session closed under us (IllegalStateException) or the container refused the send.
            done.accept(e);
        }
    }

    /** A close frame holds at most 123 bytes of reason (RFC 6455, 5.5): cut at a character's end. */
    static String fitted(String reason) {
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end = reason.offsetByCodePoints(end, -1);
        }
        return reason.substring(0, end);
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), fitted(reason)));
        } catch (IOException | IllegalStateException e) {
            // Already closing or closed by the peer: nothing is left to tell it.
            LOG.log(Level.DEBUG, "close {0} of session {1} not sent: {2}", code, session.getId(), e.toString());
        }
    }
}
