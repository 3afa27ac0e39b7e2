package dev.duplex.bench.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Queue;

/**
 * Writes one connection's queued frames into its selector thread's write buffer, as much as fits,
 * resuming a frame that did not fit on the next call. Several small frames thus leave in one
 * {@code write} (the gathering that matters: masking copies every payload anyway, so gathering
 * the caller's arrays with a vectored write would save nothing).
 *
 * <p>Client frames must be masked (RFC 6455, section 5.3). The key here is one random key per
 * connection, reused for every frame. The RFC asks for a fresh unpredictable key per frame so that
 * a script in a browser cannot choose the bytes on the wire and poison proxy caches; a benchmark
 * client on loopback has neither scripts nor proxies, and the server cannot tell the difference.
 */
final class FrameEncoder {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    /** Not a frame: bytes written as they are (the handshake request). */
    static final int RAW = -1;

    /** The largest frame header: 2 bytes, an 8-byte length, the 4-byte mask. */
    private static final int MAX_HEADER = 14;

    /** One queued frame (or raw bytes); the payload is sent unchanged, so the caller must not modify it. */
    record Outgoing(int opcode, byte[] payload) {
    }

    private final byte[] mask = new byte[4];
    private Outgoing current; // the frame being written, whose header is out
    private int offset; // how much of current's payload is out
    private boolean closeEncoded;

    FrameEncoder(int maskKey) {
        mask[0] = (byte) (maskKey >>> 24);
        mask[1] = (byte) (maskKey >>> 16);
        mask[2] = (byte) (maskKey >>> 8);
        mask[3] = (byte) maskKey;
    }

    /** A close frame with {@code code} and {@code reason}; code -1 for none (an empty payload). */
    static Outgoing close(int code, String reason) {
        if (code < 0) {
            return new Outgoing(CLOSE, new byte[0]);
        }
        byte[] text = reason.getBytes(UTF_8);
        if (text.length > 123) {
            throw new IllegalArgumentException("a close reason has at most 123 UTF-8 bytes: " + reason);
        }
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return new Outgoing(CLOSE, payload);
    }

    boolean hasMore(Queue<Outgoing> queue) {
        return current != null || (!closeEncoded && !queue.isEmpty());
    }

    /** Whether the close frame went into the buffer; nothing is encoded after it. */
    boolean closeEncoded() {
        return closeEncoded;
    }

    /**
     * Encodes frames from {@code queue} into {@code out} (a heap buffer) until it is full or the
     * queue is empty. Returns how many data frames (messages) were started.
     */
    int fill(Queue<Outgoing> queue, ByteBuffer out) {
        int started = 0;
        while (true) {
            if (current == null) {
                if (closeEncoded || out.remaining() < MAX_HEADER) {
                    return started;
                }
                current = queue.poll();
                if (current == null) {
                    return started;
                }
                offset = 0;
                if (current.opcode() != RAW) {
                    writeHeader(current.opcode(), current.payload().length, out);
                    started += current.opcode() == TEXT || current.opcode() == BINARY ? 1 : 0;
                }
            }
            byte[] payload = current.payload();
            int n = Math.min(out.remaining(), payload.length - offset);
            if (current.opcode() == RAW) {
                out.put(payload, offset, n);
            } else {
                putMasked(payload, offset, n, out);
            }
            offset += n;
            if (offset < payload.length) {
                return started; // out is full; the rest of this frame goes next time
            }
            closeEncoded = current.opcode() == CLOSE;
            current = null;
        }
    }

    /** FIN always set: messages are never fragmented by this client. */
    private void writeHeader(int opcode, int length, ByteBuffer out) {
        out.put((byte) (0x80 | opcode));
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (0x80 | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127));
            out.putLong(length);
        }
        out.put(mask);
    }

    /** The mask index follows the byte's offset in the payload, so a frame can be split anywhere. */
    private void putMasked(byte[] payload, int from, int n, ByteBuffer out) {
        byte[] dst = out.array();
        int at = out.arrayOffset() + out.position();
        for (int i = 0; i < n; i++) {
            dst[at + i] = (byte) (payload[from + i] ^ mask[(from + i) & 3]);
        }
        out.position(out.position() + n);
    }
}
