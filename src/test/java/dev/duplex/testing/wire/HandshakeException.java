package dev.duplex.testing.wire;

import java.io.IOException;

/** The server did not accept the WebSocket handshake: it answered something other than a valid 101. */
public final class HandshakeException extends IOException {

    private final int status;
    private final String statusLine;

    HandshakeException(int status, String statusLine, String message) {
        super(message);
        this.status = status;
        this.statusLine = statusLine;
    }

    /** The HTTP status of the answer, e.g. 403; -1 if the answer was not HTTP. */
    public int status() {
        return status;
    }

    /** The answer's first line, e.g. {@code HTTP/1.1 403 Forbidden}. */
    public String statusLine() {
        return statusLine;
    }
}
