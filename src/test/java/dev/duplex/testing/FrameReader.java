package dev.duplex.testing;

import static dev.duplex.testing.RawSocket.CLOSE;
import static dev.duplex.testing.RawSocket.CONTINUATION;
import static dev.duplex.testing.RawSocket.PING;
import static dev.duplex.testing.RawSocket.PONG;
import static dev.duplex.testing.RawSocket.TEXT;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.duplex.testing.RawSocket.Frame;
import dev.duplex.testing.wire.FrameDecoder;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** {@link RawSocket}'s receiving side: blocking reads with deadlines, over the shared frame decoder. */
final class FrameReader {

    /** Larger frames are refused rather than allocated: a garbled length must not exhaust the heap. */
    private static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final FrameDecoder decoder = new FrameDecoder(MAX_PAYLOAD);
    private final byte[] buffer = new byte[16 * 1024];
    private final ByteBuffer inbox = ByteBuffer.wrap(buffer).limit(0);
    private final Deque<Frame> frames = new ArrayDeque<>(); // decoded, not yet read by the test

    FrameReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** The next frame; {@link EOFException} at the end of the stream, {@link SocketTimeoutException} at the deadline. */
    Frame read(Instant deadline) throws IOException {
        while (frames.isEmpty()) {
            if (!inbox.hasRemaining()) {
                SocketDeadlines.setTimeout(socket, deadline);
                int read = in.read(buffer);
                if (read == -1) {
                    throw new EOFException(decoder.inFrame() ? "stream ended in the middle of a frame" : "stream ended");
                }
                inbox.position(0).limit(read);
            }
            // RSV bits are dropped: only permessage-deflate sets them here, and a test inflates what it knows is compressed.
            decoder.decode(inbox, (fin, rsv, opcode, payload) -> {
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                return frames.add(new Frame(fin, opcode, bytes));
            });
        }
        return frames.poll();
    }

    /** The server's close frame, whatever else comes first; fails at the end of the stream or the deadline. */
    Frame awaitClose() {
        Instant deadline = Instant.now().plus(TestSocket.WAIT);
        while (true) {
            Frame frame = next(deadline, "a close frame");
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    /** The next text message, continuation frames joined; see {@link RawSocket#nextText}. */
    String nextText() {
        Instant deadline = Instant.now().plus(TestSocket.WAIT);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean started = false;
        while (true) {
            Frame frame = next(deadline, "a text message");
            switch (frame.opcode()) {
                case PING, PONG -> {
                    continue;
                }
                case CLOSE -> throw new AssertionError("closed instead of a text message: "
                        + frame.closeCode() + " " + frame.closeReason());
                case TEXT, CONTINUATION -> {
                    boolean startsMessage = frame.opcode() == TEXT;
                    if (startsMessage == started) { // a continuation first, or a new text mid-message
                        throw new AssertionError("text frame out of sequence: " + frame);
                    }
                    started = true;
                    message.writeBytes(frame.payload());
                    if (frame.fin()) {
                        return message.toString(UTF_8);
                    }
                }
                default -> throw new AssertionError("expected a text message, got " + frame);
            }
        }
    }

    /** A read that fails the test, rather than throwing IOException, when the server stops short. */
    private Frame next(Instant deadline, String awaited) {
        try {
            return read(deadline);
        } catch (SocketTimeoutException timedOut) {
            throw new AssertionError("no " + awaited + " within " + TestSocket.WAIT, timedOut);
        } catch (IOException endedOrReset) {
            throw new AssertionError("connection ended before " + awaited, endedOrReset);
        }
    }
}
