package dev.duplex.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.duplex.testing.wire.AnswerHead;
import dev.duplex.testing.wire.Handshake;
import dev.duplex.testing.wire.HttpAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Handshake requests that a test builds, valid or broken on purpose, sent over a plain socket, and
 * the head of the answer read back: what a server says to requests no client library would send.
 * {@link RawSocket} opens its connections with the same reading of the answer.
 */
public final class HandshakeProbe {

    /** How long {@link #send} waits for an answer to a request that may be broken. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private HandshakeProbe() {
    }

    /**
     * Writes {@code rawRequest} (as UTF-8) and reads the answer's status line and headers, until the
     * blank line, the end of the stream or {@link #WAIT}; whatever came is returned, the status
     * {@link HttpAnswer#NO_ANSWER} if no status line did. The socket is closed after.
     */
    public static HttpAnswer send(URI wsUri, String rawRequest) throws IOException {
        try (Socket socket = new Socket()) {
            Instant deadline = Instant.now().plus(WAIT);
            socket.connect(address(wsUri), (int) WAIT.toMillis());
            try {
                socket.getOutputStream().write(rawRequest.getBytes(UTF_8));
            } catch (IOException closedBeforeAllWasWritten) {
                // A server may answer (431, 400) and close before reading a long request to its end;
                // that answer may still be waiting to be read.
            }
            AnswerHead head = new AnswerHead();
            readHead(socket, head, deadline);
            return head.answer();
        }
    }

    /**
     * The text of a valid handshake request to {@code wsUri} (fresh key), with {@code headers}
     * replacing defaults of the same name (case-insensitive) or added after them. A null value drops
     * the header, see {@link #omitting}; a test may also edit the text it gets.
     */
    public static String requestText(URI wsUri, Map<String, String> headers) {
        return Handshake.to(wsUri, headers).request();
    }

    /** Headers for {@link #requestText} that drop the named defaults. */
    public static Map<String, String> omitting(String... names) {
        Map<String, String> omitted = new HashMap<>(); // Map.of() refuses null values
        for (String name : names) {
            omitted.put(name, null);
        }
        return omitted;
    }

    /**
     * The answer's head, one byte per read, so that nothing after it leaves the socket: the frames
     * that follow stay for the frame reader, or in the kernel for a client that never reads. The end
     * of the stream, a reset or the deadline end it quietly: what came is for the caller to judge.
     */
    static void readHead(Socket socket, AnswerHead head, Instant deadline) {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            InputStream in = socket.getInputStream();
            while (!head.complete()) {
                SocketDeadlines.setTimeout(socket, deadline);
                int b = in.read();
                if (b == -1) {
                    return;
                }
                head.consume(one.clear().put((byte) b).flip());
            }
        } catch (IOException endedTimedOutResetOrTooLong) {
            // judged by what came
        }
    }

    static InetSocketAddress address(URI wsUri) {
        if (!"ws".equalsIgnoreCase(wsUri.getScheme())) {
            throw new IllegalArgumentException("only ws:// is spoken here: " + wsUri);
        }
        return new InetSocketAddress(wsUri.getHost(), wsUri.getPort() == -1 ? 80 : wsUri.getPort());
    }
}
