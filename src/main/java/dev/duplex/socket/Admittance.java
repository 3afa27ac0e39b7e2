package dev.duplex.socket;

import jakarta.websocket.Session;
import java.security.Principal;
import java.time.Instant;

/**
 * Who may keep a WebSocket the container has opened: duplex's sign-in as the socket layer sees it,
 * in plain values. Asked once per connection, when it opens. A refused one is closed with 1008;
 * an admitted one is closed with 1008 {@code token expired} when its permission ends.
 */
@FunctionalInterface
public interface Admittance {

    /** Nobody signs in: every connection is admitted, for good. */
    Admittance EVERYONE = session -> new Admitted(null, null);

    Verdict judge(Session session);

    sealed interface Verdict permits Admitted, Refused {
    }

    /**
     * @param user  who connects; null when nobody signs in
     * @param until when the permission ends; null for never
     */
    record Admitted(Principal user, Instant until) implements Verdict {
    }

    /**
     * @param cause  what the metrics count it under, one of a fixed few
     * @param reason the close reason the client reads
     */
    record Refused(String cause, String reason) implements Verdict {
    }
}
