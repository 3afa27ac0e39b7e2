package dev.duplex.bench.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the RFC 6455 opening handshake (section 4): the request, and the check of the
 * server's answer. No extensions are offered (permessage-deflate would cost both sides CPU that the
 * benchmark must not measure), and no subprotocol.
 */
final class Handshake {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** An answer head longer than this is not a WebSocket server's. */
    private static final int MAX_HEAD = 16 * 1024;

    private final String expectedAccept;
    private byte[] head;
    private int length;

    private Handshake(String key) {
        this.expectedAccept = accept(key);
    }

    /** A handshake with a fresh key, and its request for {@code uri} with {@code extraHeaders} (e.g. Origin). */
    static Handshake start(URI uri, Map<String, String> extraHeaders, StringBuilder request) {
        // The key only has to differ between connections; it protects nothing, so no SecureRandom.
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        request.append("GET ").append(path).append(query).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        return new Handshake(key);
    }

    /**
     * Takes answer bytes from {@code in}, one at a time (the head is small and comes once); true
     * once the head is complete, with {@code in} positioned after it, at the first frame if any.
     */
    boolean consume(ByteBuffer in) throws HandshakeException {
        if (head == null) {
            head = new byte[256];
        }
        while (in.hasRemaining()) {
            if (length == head.length) {
                if (length >= MAX_HEAD) {
                    throw new HandshakeException(-1, firstLine(), "no end of the answer's head within " + MAX_HEAD + " bytes");
                }
                head = Arrays.copyOf(head, length * 2);
            }
            head[length++] = in.get();
            if (length >= 4 && head[length - 1] == '\n' && head[length - 2] == '\r' && head[length - 3] == '\n'
                    && head[length - 4] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Checks the complete answer: 101, Upgrade, Connection, the right accept key, no extension. */
    void verify() throws HandshakeException {
        String[] lines = new String(head, 0, length - 4, ISO_8859_1).split("\r\n");
        String statusLine = lines[0];
        int status = status(statusLine);
        if (status != 101) {
            throw new HandshakeException(status, statusLine, "handshake refused: " + statusLine);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        String problem = null;
        if (!"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
            problem = "Upgrade is " + headers.get("upgrade");
        } else if (!headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")) {
            problem = "Connection is " + headers.get("connection");
        } else if (!expectedAccept.equals(headers.get("sec-websocket-accept"))) {
            problem = "Sec-WebSocket-Accept is " + headers.get("sec-websocket-accept") + ", not " + expectedAccept;
        } else if (headers.containsKey("sec-websocket-extensions")) {
            problem = "extension " + headers.get("sec-websocket-extensions") + " was never offered";
        }
        if (problem != null) {
            throw new HandshakeException(status, statusLine, "bad handshake answer (" + statusLine + "): " + problem);
        }
    }

    private String firstLine() {
        String text = new String(head, 0, length, ISO_8859_1);
        int end = text.indexOf("\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    /** 403 from "HTTP/1.1 403 Forbidden"; -1 for a line that is not HTTP. */
    private static int status(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException notHttp) {
            return -1;
        }
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + ACCEPT_GUID).getBytes(ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
