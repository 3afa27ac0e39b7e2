package dev.duplex.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * A bare RFC 6455 client over a plain {@link Socket}, for robustness tests: it sends whatever frames
 * or bytes a test asks for, valid or not, which a real client library refuses to do. It validates
 * nothing it sends and little it receives, answers no pings, and only speaks ws:// (no TLS, no
 * extensions). Every read has a deadline, so a test against a silent server fails instead of
 * hanging.
 */
public final class RawSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** How long {@link #handshake} waits for an answer to a request that may be broken. */
    public static final Duration HANDSHAKE_WAIT = Duration.ofSeconds(10);

    /** Larger frames are refused rather than allocated: a garbled length must not exhaust the heap. */
    private static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    /** Small enough that a client which never reads fills it, and the server's writes stall, quickly. */
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String extensions;

    private RawSocket(Socket socket, InputStream in, String extensions) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.extensions = extensions == null ? "" : extensions;
    }

    /** An HTTP answer to a handshake; header names lower-case, repeated headers joined by ", ". */
    public record HttpAnswer(int status, Map<String, String> headers, String statusLine) {

        /** No status line: the server closed, reset or stayed silent for {@link #HANDSHAKE_WAIT}. */
        public static final int NO_ANSWER = -1;

        private static HttpAnswer of(List<String> lines) {
            if (lines.isEmpty()) {
                return new HttpAnswer(NO_ANSWER, Map.of(), "");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            return new HttpAnswer(status(lines.get(0)), Collections.unmodifiableMap(headers), lines.get(0));
        }

        /** The code of "HTTP/1.1 400 Bad Request"; {@link #NO_ANSWER} for a line that is not HTTP. */
        private static int status(String statusLine) {
            String[] parts = statusLine.split(" ", 3);
            try {
                return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : NO_ANSWER;
            } catch (NumberFormatException notHttp) {
                return NO_ANSWER;
            }
        }
    }

    /** One frame as the server sent it. */
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

    public static RawSocket connect(URI wsUri) throws IOException {
        return open(wsUri, Map.of(), false);
    }

    /** With {@code extraHeaders} added; a name given here replaces a default of the same name. */
    public static RawSocket connect(URI wsUri, Map<String, String> extraHeaders) throws IOException {
        return open(wsUri, extraHeaders, false);
    }

    /**
     * For a client that never reads: its receive buffer is set small before connecting (it is
     * negotiated with the TCP handshake, so later is too late), so the server's writes back up soon.
     */
    public static RawSocket connectNotReading(URI wsUri) throws IOException {
        return open(wsUri, Map.of(), true);
    }

    private static RawSocket open(URI uri, Map<String, String> extraHeaders, boolean smallReceiveBuffer)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (smallReceiveBuffer) {
                socket.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
            }
            Instant deadline = Instant.now().plus(TestSocket.WAIT);
            socket.connect(address(uri), (int) TestSocket.WAIT.toMillis());
            Map<String, String> headers = headers(uri, extraHeaders);
            socket.getOutputStream().write(request(uri, headers).getBytes(UTF_8));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            HttpAnswer answer = readAnswer(in, socket, deadline);
            checkUpgrade(answer, valueOf(headers, "Sec-WebSocket-Key"));
            socket.setSoTimeout((int) TestSocket.WAIT.toMillis());
            return new RawSocket(socket, in, answer.headers().get("sec-websocket-extensions"));
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static void checkUpgrade(HttpAnswer answer, String key) throws IOException {
        if (answer.status() != 101) {
            throw new IOException("handshake refused: "
                    + (answer.status() == HttpAnswer.NO_ANSWER ? "no answer" : answer.statusLine()));
        }
        String accept = answer.headers().get("sec-websocket-accept");
        if (key == null || !accept(key).equals(accept)) {
            throw new IOException("wrong Sec-WebSocket-Accept " + accept + " in " + answer.statusLine());
        }
    }

    /** RFC 6455 4.2.2: base64 of the SHA-1 of the key and a fixed GUID. */
    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException everyJdkHasSha1) {
            throw new IllegalStateException(everyJdkHasSha1);
        }
    }

    // --- handshakes built by the test ---

    /**
     * Writes {@code rawRequest} (as UTF-8) and reads the answer's status line and headers, until the
     * blank line, the end of the stream or {@link #HANDSHAKE_WAIT}; whatever came is returned, the
     * status {@link HttpAnswer#NO_ANSWER} if no status line did. The socket is closed after.
     */
    public static HttpAnswer handshake(URI wsUri, String rawRequest) throws IOException {
        try (Socket socket = new Socket()) {
            Instant deadline = Instant.now().plus(HANDSHAKE_WAIT);
            socket.connect(address(wsUri), (int) HANDSHAKE_WAIT.toMillis());
            try {
                socket.getOutputStream().write(rawRequest.getBytes(UTF_8));
            } catch (IOException closedBeforeAllWasWritten) {
                // A server may answer (431, 400) and close before reading a long request to its end;
                // that answer may still be waiting to be read.
            }
            return readAnswer(new BufferedInputStream(socket.getInputStream()), socket, deadline);
        }
    }

    /**
     * The text of a valid handshake request to {@code wsUri} (fresh key), with {@code headers}
     * replacing defaults of the same name (case-insensitive) or added after them. A null value drops
     * the header, see {@link #omitting}; a test may also edit the text it gets.
     */
    public static String requestText(URI wsUri, Map<String, String> headers) {
        return request(wsUri, headers(wsUri, headers));
    }

    /** Headers for {@link #requestText} that drop the named defaults. */
    public static Map<String, String> omitting(String... names) {
        Map<String, String> omitted = new HashMap<>(); // Map.of() refuses null values
        for (String name : names) {
            omitted.put(name, null);
        }
        return omitted;
    }

    private static Map<String, String> headers(URI uri, Map<String, String> given) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(randomBytes(16)));
        headers.put("Sec-WebSocket-Version", "13");
        given.forEach((name, value) -> {
            headers.keySet().removeIf(name::equalsIgnoreCase);
            if (value != null) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    private static String request(URI uri, Map<String, String> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        StringBuilder request = new StringBuilder("GET " + path + query + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString();
    }

    private static String valueOf(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static InetSocketAddress address(URI wsUri) {
        if (!"ws".equalsIgnoreCase(wsUri.getScheme())) {
            throw new IllegalArgumentException("only ws:// is spoken here: " + wsUri);
        }
        return new InetSocketAddress(wsUri.getHost(), wsUri.getPort() == -1 ? 80 : wsUri.getPort());
    }

    // --- reading HTTP ---

    /** Status line and headers, as far as they came: a cut-short answer may still be all a test needs. */
    private static HttpAnswer readAnswer(InputStream in, Socket socket, Instant deadline) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line = readLine(in, socket, deadline); line != null && !line.isEmpty();
                    line = readLine(in, socket, deadline)) {
                lines.add(line);
            }
        } catch (IOException endedTimedOutOrReset) {
            // return what came
        }
        return HttpAnswer.of(lines);
    }

    /** One CRLF- (or LF-) ended line; null at the end of the stream before any byte. */
    private static String readLine(InputStream in, Socket socket, Instant deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            setTimeout(socket, deadline);
            int b = in.read();
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    /** Each blocking read gets only what is left of the deadline, so a trickle cannot stretch it. */
    private static void setTimeout(Socket socket, Instant deadline) throws IOException {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }

    // --- sending ---

    /**
     * One client frame, masked with a random key as RFC 6455 5.3 requires. Nothing is checked: an
     * opcode that is reserved or a control frame that is fragmented or too long goes out as asked.
     */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        if (opcode < 0 || opcode > 0x7F) {
            throw new IllegalArgumentException("an opcode has 4 bits, and 3 more for RSV1-3: " + opcode);
        }
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) ((fin ? 0x80 : 0) | opcode));
        putMaskedLength(frame, payload.length);
        byte[] mask = randomBytes(4);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        sendRaw(frame.array(), frame.position());
    }

    /** The 7-bit length, or 126 and 16 bits, or 127 and 64 bits, with the mask bit set. */
    private static void putMaskedLength(ByteBuffer frame, int length) {
        if (length <= 125) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
    }

    /** The server's Sec-WebSocket-Extensions answer, "" if it accepted none. */
    public String negotiatedExtensions() {
        return extensions;
    }

    /**
     * One text message compressed with permessage-deflate (RFC 7692): deflated without the zlib
     * wrapper, the final empty block's 00 00 FF FF removed, RSV1 set. Only after the server has
     * agreed to the extension, see {@link #negotiatedExtensions}.
     */
    public void sendCompressedText(String text) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text.getBytes(UTF_8));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
            compressed.write(chunk, 0, n);
        }
        deflater.end();
        byte[] payload = compressed.toByteArray();
        byte[] trimmed = java.util.Arrays.copyOf(payload, payload.length - 4);
        sendFrame(true, 0x40 | TEXT, trimmed); // 0x40 in the opcode byte is RSV1, "compressed"
    }

    /**
     * The text of a compressed single-frame message, the first the server sent on its connection
     * (later ones may refer back to it: context takeover).
     */
    public static String inflated(Frame frame) throws java.util.zip.DataFormatException {
        byte[] input = java.util.Arrays.copyOf(frame.payload(), frame.payload().length + 4);
        input[input.length - 2] = (byte) 0xFF; // the 00 00 FF FF the sender removed (RFC 7692 7.2.2)
        input[input.length - 1] = (byte) 0xFF;
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setInput(input);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = inflater.inflate(chunk)) > 0) {
            text.write(chunk, 0, n);
        }
        inflater.end();
        return text.toString(UTF_8);
    }

    /** Bytes straight onto the socket: garbage, half frames, frames built by hand. */
    public void sendRaw(byte[] bytes) throws IOException {
        sendRaw(bytes, bytes.length);
    }

    private void sendRaw(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
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
        byte[] text = reason.getBytes(UTF_8);
        sendFrame(true, CLOSE, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
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
        return readFrame(Instant.now().plus(TestSocket.WAIT));
    }

    private Frame readFrame(Instant deadline) throws IOException {
        byte[] head = readFully(2, deadline);
        // RSV bits are ignored: this client offers no extension that would give them a meaning.
        boolean fin = (head[0] & 0x80) != 0;
        int opcode = head[0] & 0x0F;
        if ((head[1] & 0x80) != 0) {
            throw new IOException("the server masked a frame, which RFC 6455 5.1 forbids");
        }
        long length = head[1] & 0x7F;
        if (length == 126) {
            length = ByteBuffer.wrap(readFully(2, deadline)).getShort() & 0xFFFF;
        } else if (length == 127) {
            length = ByteBuffer.wrap(readFully(8, deadline)).getLong();
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("frame length " + length + " is more than this client takes");
        }
        return new Frame(fin, opcode, readFully((int) length, deadline));
    }

    private byte[] readFully(int length, Instant deadline) throws IOException {
        byte[] bytes = new byte[length];
        for (int done = 0; done < length; ) {
            setTimeout(socket, deadline);
            int read = in.read(bytes, done, length - done);
            if (read == -1) {
                throw new EOFException("stream ended " + done + " of " + length + " bytes into a read");
            }
            done += read;
        }
        return bytes;
    }

    /** The server's close frame, whatever else comes first; fails at the end of the stream or the deadline. */
    public Frame awaitClose() {
        Instant deadline = Instant.now().plus(TestSocket.WAIT);
        while (true) {
            Frame frame = nextFrame(deadline, "a close frame");
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    /**
     * The next text message, continuation frames joined; pings and pongs are skipped (and not
     * answered), while a close or a binary message fails the test.
     */
    public String nextText() {
        Instant deadline = Instant.now().plus(TestSocket.WAIT);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean started = false;
        while (true) {
            Frame frame = nextFrame(deadline, "a text message");
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
    private Frame nextFrame(Instant deadline, String awaited) {
        try {
            return readFrame(deadline);
        } catch (SocketTimeoutException timedOut) {
            throw new AssertionError("no " + awaited + " within " + TestSocket.WAIT, timedOut);
        } catch (IOException endedOrReset) {
            throw new AssertionError("connection ended before " + awaited, endedOrReset);
        }
    }

    // --- the rest ---

    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException nothingLeftToDo) {
            // closing is all that was wanted
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
