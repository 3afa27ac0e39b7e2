package dev.duplex.testing.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decodes server frames (RFC 6455, section 5.2) incrementally, from whatever each read brought: a
 * frame may end in a later read, in the middle of its header or its payload. A frame that arrived
 * whole in one read is shown as a view of the read buffer, without copying; only a frame split
 * across reads is collected into a buffer of its own, dropped once delivered (an idle connection
 * holds none: with 19,000 of them in the benchmark, that matters).
 *
 * <p>It checks only what framing needs: no mask on a server's frame, and a length it is willing to
 * hold. What a frame means (reserved bits, the order of fragments, the rules of control frames) is
 * the caller's to judge: {@code RawSocket} shows a test the frames as they came, while the load
 * client's {@code MessageAssembler} holds the server to the protocol.
 */
public final class FrameDecoder {

    /** Where decoded frames go; {@code rsv} holds RSV1, RSV2 and RSV3 as 0x4, 0x2 and 0x1. */
    public interface Sink {

        /** A frame's header, before its payload: a check that fails here spares reading the payload. */
        default void onHeader(boolean fin, int rsv, int opcode, long length) throws IOException {
        }

        /** A whole frame; the payload (position to limit) is valid only during the call. False stops decoding. */
        boolean onFrame(boolean fin, int rsv, int opcode, ByteBuffer payload) throws IOException;
    }

    private final long maxPayload;
    private final byte[] header = new byte[10]; // server frames carry no mask key
    private int headerLength; // bytes of the current header collected so far
    private long payloadLeft = -1; // of the current frame; -1 while reading a header
    private boolean fin;
    private int rsv;
    private int opcode;
    private ByteBuffer collected; // the current frame's payload so far, when it spans reads

    /** Frames longer than {@code maxPayload} fail (1009) rather than being held: a garbled length must not exhaust the heap. */
    public FrameDecoder(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Whether a frame has begun and not ended: if the stream ends now, it ends mid-frame. */
    public boolean inFrame() {
        return headerLength > 0 || payloadLeft >= 0;
    }

    /** {@link #decode(ByteBuffer, ByteBuffer, Sink)} with a view made for the call. */
    public void decode(ByteBuffer in, Sink sink) throws IOException {
        decode(in, in.duplicate(), sink);
    }

    /**
     * Decodes the frames in {@code in} until it is empty or the sink says stop. {@code view} is a
     * duplicate of {@code in}, reused to show payloads without allocating a slice per frame.
     */
    public void decode(ByteBuffer in, ByteBuffer view, Sink sink) throws IOException {
        while (true) {
            if (payloadLeft < 0) {
                if (!readHeader(in)) {
                    return; // the header continues in the next read
                }
                sink.onHeader(fin, rsv, opcode, payloadLeft);
            }
            int available = (int) Math.min(in.remaining(), payloadLeft);
            int start = in.position();
            ByteBuffer payload;
            if (collected == null && available == payloadLeft) {
                // The common case: the whole payload is in this read, shown in place.
                in.position(start + available);
                payload = view.clear().position(start).limit(start + available);
            } else {
                if (available == 0) {
                    return;
                }
                if (collected == null) {
                    collected = ByteBuffer.allocate((int) payloadLeft);
                }
                collected.put(collected.position(), in, start, available).position(collected.position() + available);
                in.position(start + available);
                payloadLeft -= available;
                if (payloadLeft > 0) {
                    return; // in is empty; the payload continues in the next read
                }
                payload = collected.flip();
                collected = null;
            }
            payloadLeft = -1;
            if (!sink.onFrame(fin, rsv, opcode, payload)) {
                return;
            }
        }
    }

    /** Collects the header byte by byte (at most 10); false if {@code in} ended before it did. */
    private boolean readHeader(ByteBuffer in) throws ProtocolException {
        while (headerLength < 2) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerLength++] = in.get();
        }
        if ((header[1] & 0x80) != 0) {
            throw new ProtocolException(1002, "masked frame from the server, which RFC 6455 5.1 forbids");
        }
        int length7 = header[1] & 0x7F;
        int size = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
        while (headerLength < size) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerLength++] = in.get();
        }
        headerLength = 0;
        long length = length7 == 126 ? ByteBuffer.wrap(header, 2, 2).getShort() & 0xFFFF
                : length7 == 127 ? ByteBuffer.wrap(header, 2, 8).getLong() : length7;
        if (length < 0 || length > maxPayload) {
            throw new ProtocolException(1009, "frame length " + length + " is more than the " + maxPayload
                    + " bytes this client takes");
        }
        int first = header[0] & 0xFF;
        fin = (first & 0x80) != 0;
        rsv = (first >>> 4) & 0x7;
        opcode = first & 0x0F;
        payloadLeft = length;
        return true;
    }
}
