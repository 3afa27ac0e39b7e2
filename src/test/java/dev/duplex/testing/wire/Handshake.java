package dev.duplex.testing.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the RFC 6455 opening handshake (section 4): a request with a fresh key, and the
 * check of the server's answer. {@code RawSocket} and the benchmark's load client both open with
 * it; a test that wants a broken request edits the {@link #request} text and sends it itself.
 */
public final class Handshake {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String request;
    private final String key; // as sent; null if the caller's headers dropped it
    private final boolean extensionsOffered;
    private final AnswerHead head = new AnswerHead();

    private Handshake(String request, String key, boolean extensionsOffered) {
        this.request = request;
        this.key = key;
        this.extensionsOffered = extensionsOffered;
    }

    /**
     * A handshake with {@code wsUri}: the default headers (Host, Upgrade, Connection, a fresh
     * Sec-WebSocket-Key, Sec-WebSocket-Version 13), each replaced by one of {@code headers} of the
     * same name in any case, or dropped where its value there is null; the other {@code headers}
     * follow them.
     */
    public static Handshake to(URI wsUri, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", wsUri.getHost() + (wsUri.getPort() == -1 ? "" : ":" + wsUri.getPort()));
        all.put("Upgrade", "websocket");
        all.put("Connection", "Upgrade");
        all.put("Sec-WebSocket-Key", newKey());
        all.put("Sec-WebSocket-Version", "13");
        headers.forEach((name, value) -> {
            all.keySet().removeIf(name::equalsIgnoreCase);
            if (value != null) {
                all.put(name, value);
            }
        });
        String path = wsUri.getRawPath() == null || wsUri.getRawPath().isEmpty() ? "/" : wsUri.getRawPath();
        String query = wsUri.getRawQuery() == null ? "" : "?" + wsUri.getRawQuery();
        StringBuilder request = new StringBuilder(256).append("GET ").append(path).append(query).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        return new Handshake(request.toString(), valueOf(all, "Sec-WebSocket-Key"),
                valueOf(all, "Sec-WebSocket-Extensions") != null);
    }

    /** The request's text: request line, headers, blank line. */
    public String request() {
        return request;
    }

    /** The request as sent: UTF-8, since a test may put anything in a header. */
    public byte[] requestBytes() {
        return request.getBytes(UTF_8);
    }

    /** The answer's head, collected as it comes; see {@link AnswerHead#consume}. */
    public AnswerHead head() {
        return head;
    }

    /** Takes answer bytes from {@code in}; true once the head is complete, {@code in} positioned after it. */
    public boolean consume(ByteBuffer in) throws HandshakeException {
        return head.consume(in);
    }

    /**
     * Checks the answer, whole or cut short: 101, Upgrade and Connection, the accept value of this
     * request's key (section 4.2.2), and no extension that the request did not offer.
     */
    public HttpAnswer verify() throws HandshakeException {
        HttpAnswer answer = head.answer();
        if (answer.status() != 101) {
            throw new HandshakeException(answer.status(), answer.statusLine(), "handshake refused: "
                    + (answer.status() == HttpAnswer.NO_ANSWER ? "no answer" : answer.statusLine()));
        }
        Map<String, String> headers = answer.headers();
        String accept = headers.get("sec-websocket-accept");
        String problem = null;
        if (!head.complete()) {
            problem = "the answer's head ended early";
        } else if (!"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
            problem = "Upgrade is " + headers.get("upgrade");
        } else if (!headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")) {
            problem = "Connection is " + headers.get("connection");
        } else if (key == null || !accept(key).equals(accept)) {
            problem = "Sec-WebSocket-Accept is " + accept + (key == null ? ", for no key" : ", not " + accept(key));
        } else if (!extensionsOffered && headers.containsKey("sec-websocket-extensions")) {
            problem = "extension " + headers.get("sec-websocket-extensions") + " was never offered";
        }
        if (problem != null) {
            throw new HandshakeException(answer.status(), answer.statusLine(),
                    "bad handshake answer (" + answer.statusLine() + "): " + problem);
        }
        return answer;
    }

    /** The key only has to differ between connections; it protects nothing here, so no SecureRandom. */
    private static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    private static String valueOf(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Base64 of the SHA-1 of the key and a fixed GUID. */
    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + ACCEPT_GUID).getBytes(ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
