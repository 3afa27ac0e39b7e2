package dev.duplex.bench.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

/**
 * A WebSocket client that completes the handshake and then never reads again: the slow consumer
 * (a phone that lost its signal, a stuck tab) that a server must not let hold up everyone else.
 * Its receive buffer is as small as the kernel allows, so that what backs up is the server's send
 * buffer alone, not also a receive buffer of megabytes here.
 */
public final class NonReader implements AutoCloseable {

    private static final int SMALLEST_RECEIVE_BUFFER = 1; // the kernel rounds it up to its minimum

    private final Socket socket;

    private NonReader(Socket socket) {
        this.socket = socket;
    }

    /** Opens {@code wsUri} and returns once the server accepted the handshake. */
    public static NonReader open(URI wsUri, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(SMALLEST_RECEIVE_BUFFER); // before connecting: it sets the window offered
            socket.setSoTimeout((int) timeout.toMillis());
            socket.connect(new InetSocketAddress(wsUri.getHost(), wsUri.getPort()), (int) timeout.toMillis());
            StringBuilder request = new StringBuilder(256);
            Handshake handshake = Handshake.start(wsUri, Map.of(), request);
            socket.getOutputStream().write(request.toString().getBytes(ISO_8859_1));
            readAnswerHead(socket.getInputStream(), handshake);
            handshake.verify();
            return new NonReader(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** One byte at a time, so that nothing after the head (the first frames) is read. */
    private static void readAnswerHead(InputStream in, Handshake handshake) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            one.clear();
            one.put((byte) b).flip();
            if (handshake.consume(one)) {
                return;
            }
        }
    }

    /**
     * Resets the connection (no close handshake, which it could not read anyway): a server write
     * still waiting on it fails at once instead of at its timeout. Closing twice does nothing.
     */
    @Override
    public void close() throws IOException {
        if (socket.isClosed()) {
            return;
        }
        try {
            socket.setSoLinger(true, 0);
        } finally {
            socket.close();
        }
    }
}
