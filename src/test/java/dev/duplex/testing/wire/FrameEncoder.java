package dev.duplex.testing.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of RFC 6455 framing (section 5.2): a frame's header and its masked payload
 * (section 5.3), for both raw clients. {@code RawSocket} encodes a whole frame at a time; the
 * benchmark's load client fills a buffer with as much of its queued frames as fits, so it masks a
 * payload in pieces.
 *
 * <p>Nothing is checked: a test sends a reserved opcode or a fragmented control frame on purpose.
 */
public final class FrameEncoder {

    /** The largest client frame header: 2 bytes, an 8-byte length, the 4-byte mask key. */
    public static final int MAX_HEADER = 14;

    private FrameEncoder() {
    }

    /**
     * A random mask key. RFC 6455 asks for an unpredictable key per frame so that a script in a
     * browser cannot choose the bytes on the wire and poison a proxy's cache; a test or benchmark
     * client has neither scripts nor proxies, so any random key serves (the load client keeps one per
     * connection), and the server cannot tell the difference.
     */
    public static byte[] maskKey() {
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    /** One whole frame, flipped, ready to write; {@code opcode} may carry RSV1-3 (0x40, 0x20, 0x10) too. */
    public static ByteBuffer frame(boolean fin, int opcode, byte[] payload, byte[] maskKey) {
        ByteBuffer frame = ByteBuffer.allocate(MAX_HEADER + payload.length);
        putHeader(frame, fin, opcode, payload.length, maskKey);
        putMasked(payload, 0, payload.length, maskKey, frame);
        return frame.flip();
    }

    /**
     * One whole frame without a mask, as only a server may send it: RFC 6455 (section 5.1) says a
     * server must fail the connection when a client's frame arrives so.
     */
    public static ByteBuffer unmaskedFrame(boolean fin, int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(MAX_HEADER + payload.length);
        putHeader(frame, fin, opcode, payload.length, maskKey());
        frame.put(1, (byte) (frame.get(1) & 0x7F)); // the mask bit off, and the key it announced taken back
        frame.position(frame.position() - 4);
        return frame.put(payload).flip();
    }

    /** FIN, RSV and opcode; the 7-bit length, or 126 and 16 bits, or 127 and 64 bits, with the mask bit; the key. */
    public static void putHeader(ByteBuffer out, boolean fin, int opcode, int length, byte[] maskKey) {
        if (opcode < 0 || opcode > 0x7F) {
            throw new IllegalArgumentException("an opcode has 4 bits, and 3 more for RSV1-3: " + opcode);
        }
        out.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (length <= 125) {
            out.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length);
        }
        out.put(maskKey);
    }

    /**
     * {@code n} bytes of {@code payload} from {@code from}, masked, into {@code out}, a heap buffer
     * (masking runs over its array). The key's index follows the byte's offset in the payload, so a
     * frame may be masked in pieces.
     */
    public static void putMasked(byte[] payload, int from, int n, byte[] maskKey, ByteBuffer out) {
        byte[] dst = out.array();
        int at = out.arrayOffset() + out.position();
        for (int i = 0; i < n; i++) {
            dst[at + i] = (byte) (payload[from + i] ^ maskKey[(from + i) & 3]);
        }
        out.position(out.position() + n);
    }

    /** A close frame's payload: {@code code} as given, valid or not, then {@code reason} in UTF-8. */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }
}
