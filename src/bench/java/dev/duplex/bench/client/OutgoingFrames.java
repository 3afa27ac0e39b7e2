package dev.duplex.bench.client;

import static dev.duplex.testing.wire.Opcodes.BINARY;
import static dev.duplex.testing.wire.Opcodes.CLOSE;
import static dev.duplex.testing.wire.Opcodes.TEXT;

import dev.duplex.testing.wire.FrameEncoder;
import java.nio.ByteBuffer;
import java.util.Queue;

/**
 * Writes one connection's queued frames into its selector thread's write buffer, as much as fits,
 * resuming a frame that did not fit on the next call. Several small frames thus leave in one
 * {@code write} (the gathering that matters: masking copies every payload anyway, so gathering
 * the caller's arrays with a vectored write would save nothing). The frames themselves are
 * {@link FrameEncoder}'s, with one mask key for the connection (see {@link FrameEncoder#maskKey}).
 */
final class OutgoingFrames {

    /** Not a frame: bytes written as they are (the handshake request). */
    static final int RAW = -1;

    /** One queued frame (or raw bytes); the payload is sent unchanged, so the caller must not modify it. */
    record Outgoing(int opcode, byte[] payload) {
    }

    private final byte[] maskKey = FrameEncoder.maskKey();
    private Outgoing current; // the frame being written, whose header is out
    private int offset; // how much of current's payload is out
    private boolean closeEncoded;

    /** A close frame with {@code code} and {@code reason}; code -1 for none (an empty payload). */
    static Outgoing close(int code, String reason) {
        if (code < 0) {
            return new Outgoing(CLOSE, new byte[0]);
        }
        byte[] payload = FrameEncoder.closePayload(code, reason);
        if (payload.length > 125) {
            throw new IllegalArgumentException("a close reason has at most 123 UTF-8 bytes: " + reason);
        }
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
     * queue is empty. Returns how many data frames (messages) were started. FIN is always set:
     * this client never fragments a message.
     */
    int fill(Queue<Outgoing> queue, ByteBuffer out) {
        int started = 0;
        while (true) {
            if (current == null) {
                if (closeEncoded || out.remaining() < FrameEncoder.MAX_HEADER) {
                    return started;
                }
                current = queue.poll();
                if (current == null) {
                    return started;
                }
                offset = 0;
                if (current.opcode() != RAW) {
                    FrameEncoder.putHeader(out, true, current.opcode(), current.payload().length, maskKey);
                    started += current.opcode() == TEXT || current.opcode() == BINARY ? 1 : 0;
                }
            }
            byte[] payload = current.payload();
            int n = Math.min(out.remaining(), payload.length - offset);
            if (current.opcode() == RAW) {
                out.put(payload, offset, n);
            } else {
                FrameEncoder.putMasked(payload, offset, n, maskKey, out);
            }
            offset += n;
            if (offset < payload.length) {
                return started; // out is full; the rest of this frame goes next time
            }
            closeEncoded = current.opcode() == CLOSE;
            current = null;
        }
    }
}
