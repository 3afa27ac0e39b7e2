package dev.duplex.testing.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects an HTTP answer's head (the status line and headers, up to the blank line) from whatever
 * each read brings, and stops exactly there: what follows, the server's first frames, stays in the
 * read buffer. Lines may end in CRLF or in a bare LF.
 */
public final class AnswerHead {

    /** A head longer than this is not a WebSocket server's. */
    private static final int MAX_BYTES = 16 * 1024;

    private byte[] bytes = new byte[256];
    private int length;
    private int lineStart;
    private boolean complete;

    /** Takes bytes from {@code in} one at a time (a head is small and comes once); true once the blank line came. */
    public boolean consume(ByteBuffer in) throws HandshakeException {
        while (!complete && in.hasRemaining()) {
            if (length == bytes.length) {
                if (length >= MAX_BYTES) {
                    HttpAnswer sofar = answer();
                    throw new HandshakeException(sofar.status(), sofar.statusLine(),
                            "no end of the answer's head within " + MAX_BYTES + " bytes");
                }
                bytes = Arrays.copyOf(bytes, length * 2);
            }
            byte b = in.get();
            bytes[length++] = b;
            if (b == '\n') {
                int end = length - 1;
                if (end > lineStart && bytes[end - 1] == '\r') {
                    end--;
                }
                complete = end == lineStart;
                lineStart = length;
            }
        }
        return complete;
    }

    public boolean complete() {
        return complete;
    }

    /** The head as far as it came: a cut-short answer may still be all a test needs. */
    public HttpAnswer answer() {
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes, 0, length, ISO_8859_1).split("\n", -1)) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (text.isEmpty()) {
                break; // the blank line, or nothing after the last line ended
            }
            lines.add(text);
        }
        return HttpAnswer.of(lines);
    }
}
