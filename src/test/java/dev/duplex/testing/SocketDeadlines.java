package dev.duplex.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/** Deadlines for the raw clients' blocking reads. */
final class SocketDeadlines {

    private SocketDeadlines() {
    }

    /** Each blocking read gets only what is left of the deadline, so a trickle cannot stretch it. */
    static void setTimeout(Socket socket, Instant deadline) throws IOException {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }
}
