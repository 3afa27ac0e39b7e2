package dev.duplex.socket;

import java.util.function.Consumer;

/** Where an {@link Outbox} writes: a WebSocket session in production, a list in unit tests. */
public interface Sink {

    /**
     * Starts sending one message and returns without waiting for the network. {@code done} is called
     * exactly once, possibly before this method returns, with null on success or the failure.
     */
    void send(Outbound message, Consumer<Throwable> done);

    /** Closes the connection with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
