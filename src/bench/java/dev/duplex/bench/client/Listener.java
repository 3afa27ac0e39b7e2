package dev.duplex.bench.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a {@link LoadConnection} reports. Every method runs on the connection's selector thread, which
 * serves thousands of other connections: it must be quick and must never block (sending from here
 * is fine, it only queues).
 *
 * <p>Message payloads are the bytes between the buffer's position and limit, and are valid only
 * during the call: the buffer is the selector thread's read buffer (or the connection's reassembly
 * buffer), reused for the next message. That is what keeps the receive path free of per-message
 * allocation; a listener that needs the payload later copies it ({@link #bytes}, {@link #text}).
 */
public interface Listener {

    /** The handshake succeeded; called before the connect future completes. */
    default void onOpen(LoadConnection connection) {
    }

    /** A whole text message, as UTF-8 bytes (not validated: the server is trusted). */
    default void onText(LoadConnection connection, ByteBuffer utf8) {
    }

    /** A whole binary message. */
    default void onBinary(LoadConnection connection, ByteBuffer data) {
    }

    /**
     * The connection is closed: called exactly once for every connection that opened, whatever
     * the cause. {@code code} is the server's close code (1005 if its close frame had none), or
     * 1006 if the connection ended without a close frame (dropped, timed out, aborted, failed).
     */
    default void onClose(LoadConnection connection, int code, String reason) {
    }

    /** Something failed (I/O, protocol, an exception from this listener); {@link #onClose} follows. */
    default void onError(LoadConnection connection, Throwable error) {
    }

    /** The payload as a String, for tests (allocates; the buffer is left as it was). */
    static String text(ByteBuffer utf8) {
        return new String(bytes(utf8), StandardCharsets.UTF_8);
    }

    /** A copy of the payload (the buffer is left as it was). */
    static byte[] bytes(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy);
        return copy;
    }
}
