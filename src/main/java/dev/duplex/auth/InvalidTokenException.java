package dev.duplex.auth;

/**
 * A token that grants nothing. The message is a short reason ("token expired", "bad signature")
 * that may be sent to the client as it is: it never holds the token nor anything read from it.
 * The cause, when there is one, is for the server's log only.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        super(reason);
    }

    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
