package dev.duplex.room;

/** The group layer cannot be reached (Redis is down or too slow): the room operation did not happen. */
public final class RoomsUnavailableException extends RuntimeException {

    public RoomsUnavailableException(Throwable cause) {
        super("rooms unavailable: " + cause.getMessage(), cause);
    }

    public RoomsUnavailableException(String reason) {
        super("rooms unavailable: " + reason);
    }
}
