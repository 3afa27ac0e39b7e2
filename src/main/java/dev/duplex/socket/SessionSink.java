package dev.duplex.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** The {@link Sink} over a real WebSocket session: asynchronous sends, so no caller waits on a socket. */
final class SessionSink implements Sink {

    private static final System.Logger LOG = System.getLogger(SessionSink.class.getName());

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

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            // Already closing or closed by the peer: nothing is left to tell it.
            LOG.log(Level.DEBUG, "close {0} of session {1} not sent: {2}", code, session.getId(), e.toString());
        }
    }
}
