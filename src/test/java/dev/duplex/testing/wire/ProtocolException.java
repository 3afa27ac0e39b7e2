package dev.duplex.testing.wire;

import java.io.IOException;

/** The server broke RFC 6455; {@link #closeCode} is the close code that says how (1002, or 1009 for too big). */
public final class ProtocolException extends IOException {

    private final int closeCode;

    public ProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
