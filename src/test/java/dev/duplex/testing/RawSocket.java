package dev.duplex.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.duplex.testing.wire.FrameEncoder;
import dev.duplex.testing.wire.Handshake;
import dev.duplex.testing.wire.HandshakeException;
import dev.duplex.testing.wire.HttpAnswer;
import dev.duplex.testing.wire.Opcodes;
import dev.duplex.testing.wire.PerMessageDeflate;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;

/**
 * A bare RFC 6455 client over a plain {@link Socket}, for robustness tests: it sends whatever frames
 * or bytes a test asks for, valid or not, which a real client library refuses to do. It validates
 * nothing it sends and little it receives, answers no pings, and only speaks ws:// (no TLS; of the
 * extensions, only what a test does by hand with {@link #sendCompressedText}). Every read has a
 * deadline, so a test against a silent server fails instead of hanging. Framing and handshake are
 * {@link dev.duplex.testing.wire}'s, which the benchmark's load client shares; handshakes a test
 * builds by hand go through {@link HandshakeProbe}.
 */
public final class RawSocket implements AutoCloseable {

    public static final int CONTINUATION = Opcodes.CONTINUATION;
    public static final int TEXT = Opcodes.TEXT;
    public static final int BINARY = Opcodes.BINARY;
    public static final int CLOSE = Opcodes.CLOSE;
    public static final int PING = Opcodes.PING;
    public static final int PONG = Opcodes.PONG;

    /** The kernel rounds it up to its minimum: a client that never reads fills it, and the server's writes stall, at once. */
    private static final int SMALLEST_RECEIVE_BUFFER = 1;

    private final Socket socket;
    private final OutputStream out;
    private final FrameReader reader;
    private final String extensions;
    private final boolean resetOnClose;

    private RawSocket(Socket socket, String extensions, boolean resetOnClose) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new FrameReader(socket);
        this.extensions = extensions == null ? "" : extensions;
        this.resetOnClose = resetOnClose;
    }

    /** One frame as the server sent it; its RSV bits are dropped (only {@link #inflated} cares, and knows). */
    public record Frame(boolean fin, int opcode, byte[] payload) {

        public String text() {
            return new String(payload, UTF_8);
        }

        /** The status code of a close frame; 1005 ("no status") when the payload is empty. */
        public int closeCode() {
            requireClose();
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String closeReason() {
            requireClose();
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, UTF_8);
        }

        private void requireClose() {
            if (opcode != CLOSE) {
                throw new IllegalStateException("not a close frame: " + this);
            }
        }

        /** Readable in assertion messages (the record's own would print the array's identity). */
        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", opcode=" + opcode + ", " + payload.length + " bytes]";
        }
    }

    // --- connecting ---

    /** Fails with a {@link HandshakeException} (its status, e.g. 404) when the server does not answer 101. */
    public static RawSocket connect(URI wsUri) throws IOException {
        return open(wsUri, Map.of(), false);
    }

    /** With {@code extraHeaders} added; a name given here replaces a default of the same name. */
    public static RawSocket connect(URI wsUri, Map<String, String> extraHeaders) throws IOException {
        return open(wsUri, extraHeaders, false);
    }

    /**
     * For a client that never reads: the slow consumer (a phone that lost its signal, a stuck tab)
     * that a server must not let hold up everyone else. Its receive buffer is as small as the kernel
     * allows, set before connecting (it is negotiated with the TCP handshake, so later is too late),
     * so that what backs up is the server's send buffer alone. {@link #close} resets it: it could not
     * read a closing handshake anyway, and a server write still waiting on it fails at once.
     */
    public static RawSocket connectNotReading(URI wsUri) throws IOException {
        return open(wsUri, Map.of(), true);
    }

    /**
     * Sends {@code firstFrame} in the same write as the handshake, without waiting for the 101: a
     * client may (RFC 6455 section 4.1 lets it send once the handshake is done, and the server reads
     * whatever follows the request as frames), and a fast client on a short round trip does it in
     * effect whenever both land in one TCP read.
     */
    public static RawSocket connectSendingAtOnce(URI wsUri, ByteBuffer firstFrame) throws IOException {
        return open(wsUri, Map.of(), false, firstFrame);
    }

    private static RawSocket open(URI uri, Map<String, String> headers, boolean notReading) throws IOException {
        return open(uri, headers, notReading, ByteBuffer.allocate(0));
    }

    private static RawSocket open(URI uri, Map<String, String> headers, boolean notReading, ByteBuffer firstFrame)
            throws IOException {
        Handshake handshake = Handshake.to(uri, headers);
        Socket socket = new Socket();
        try {
            if (notReading) {
                socket.setReceiveBufferSize(SMALLEST_RECEIVE_BUFFER);
            }
            Instant deadline = Instant.now().plus(TestSocket.WAIT);
            socket.connect(HandshakeProbe.address(uri), (int) TestSocket.WAIT.toMillis());
            byte[] request = handshake.requestBytes();
            byte[] together = new byte[request.length + firstFrame.remaining()];
            System.arraycopy(request, 0, together, 0, request.length);
            firstFrame.duplicate().get(together, request.length, firstFrame.remaining());
            socket.getOutputStream().write(together); // one write, one segment on loopback
            HandshakeProbe.readHead(socket, handshake.head(), deadline);
            HttpAnswer answer = handshake.verify();
            return new RawSocket(socket, answer.headers().get("sec-websocket-extensions"), notReading);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    // --- sending ---

    /**
     * One client frame, masked with a fresh key. Nothing is checked: an opcode that is reserved, RSV
     * bits (0x10 to 0x70 added to it), or a control frame that is fragmented or too long go out as asked.
     */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteBuffer frame = FrameEncoder.frame(fin, opcode, payload, FrameEncoder.maskKey());
        out.write(frame.array(), 0, frame.limit());
        out.flush();
    }

    /** One frame with the mask bit clear, as no client may send it (RFC 6455 section 5.1). */
    public void sendUnmaskedFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteBuffer frame = FrameEncoder.unmaskedFrame(fin, opcode, payload);
        out.write(frame.array(), 0, frame.limit());
        out.flush();
    }

    /** The server's Sec-WebSocket-Extensions answer, "" if it accepted none. */
    public String negotiatedExtensions() {
        return extensions;
    }

    /** One text message compressed with permessage-deflate; only once the server agreed to it, see {@link #negotiatedExtensions}. */
    public void sendCompressedText(String text) throws IOException {
        sendFrame(true, PerMessageDeflate.RSV1 | TEXT, PerMessageDeflate.compress(text));
    }

    /** The text of a compressed single-frame message, the first the server sent on its connection. */
    public static String inflated(Frame frame) throws DataFormatException {
        return PerMessageDeflate.decompress(frame.payload());
    }

    /** Bytes straight onto the socket: garbage, half frames, frames built by hand. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendText(String text) throws IOException {
        sendFrame(true, TEXT, text.getBytes(UTF_8));
    }

    public void sendBinary(byte[] data) throws IOException {
        sendFrame(true, BINARY, data);
    }

    /** A close frame with {@code code} as given, valid or not, and a UTF-8 reason. */
    public void sendClose(int code, String reason) throws IOException {
        sendFrame(true, CLOSE, FrameEncoder.closePayload(code, reason));
    }

    public void sendPing(byte[] payload) throws IOException {
        sendFrame(true, PING, payload);
    }

    // --- receiving ---

    /**
     * The next frame; {@link EOFException} if the server closed the stream, {@link
     * SocketTimeoutException} after {@link TestSocket#WAIT}.
     */
    public Frame readFrame() throws IOException {
        return reader.read(Instant.now().plus(TestSocket.WAIT));
    }

    /** The next frame if one arrives within {@code wait}; empty if none does (the socket stays usable). */
    public Optional<Frame> frameWithin(Duration wait) throws IOException {
        try {
            return Optional.of(reader.read(Instant.now().plus(wait)));
        } catch (SocketTimeoutException quiet) {
            return Optional.empty();
        }
    }

    /** The server's close frame, whatever else comes first; fails at the end of the stream or the deadline. */
    public Frame awaitClose() {
        return reader.awaitClose();
    }

    /**
     * The next text message, continuation frames joined; pings and pongs are skipped (and not
     * answered), while a close or a binary message fails the test.
     */
    public String nextText() {
        return reader.nextText();
    }

    // --- the rest ---

    public int localPort() {
        return socket.getLocalPort();
    }

    /** Closes the socket; one from {@link #connectNotReading} is reset. Closing twice does nothing. */
    @Override
    public void close() {
        if (socket.isClosed()) {
            return;
        }
        if (resetOnClose) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException alreadyBroken) {
                // closing is all that is left
            }
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException nothingLeftToDo) {
            // closing is all that was wanted
        }
    }
}
