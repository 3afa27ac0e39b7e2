package dev.duplex.bench.client;

import static dev.duplex.bench.client.FrameEncoder.BINARY;
import static dev.duplex.bench.client.FrameEncoder.CLOSE;
import static dev.duplex.bench.client.FrameEncoder.CONTINUATION;
import static dev.duplex.bench.client.FrameEncoder.PING;
import static dev.duplex.bench.client.FrameEncoder.PONG;
import static dev.duplex.bench.client.FrameEncoder.TEXT;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decodes one connection's server frames incrementally, from whatever each read brought: a frame
 * may end in a later read, in the middle of its header or its payload. A message that arrived
 * whole in one read is handed over as a view of the read buffer, without copying; only a message
 * split across reads or fragmented into several frames is copied into a reassembly buffer, which
 * is dropped once delivered (idle connections hold none: with 19,000 of them, that matters).
 */
final class FrameDecoder {

    /** Where decoded messages go. The payload is valid only during the call. */
    interface Sink {
        /** A whole TEXT or BINARY message; false to stop decoding. */
        boolean onMessage(int opcode, ByteBuffer payload) throws IOException;

        /** A PING, PONG or CLOSE frame; false to stop decoding. */
        boolean onControl(int opcode, ByteBuffer payload) throws IOException;
    }

    /** The server broke the protocol; {@link #closeCode} says how (1002, or 1009 for too big). */
    static final class ProtocolException extends IOException {
        final int closeCode;

        ProtocolException(int closeCode, String message) {
            super(message);
            this.closeCode = closeCode;
        }
    }

    private final int maxMessageBytes;
    private final byte[] header = new byte[10]; // server frames carry no mask key
    private int headerLength; // bytes of the current header collected so far
    private long payloadLeft = -1; // of the current frame; -1 while reading a header
    private int frameOpcode;
    private boolean frameFin;
    private int messageOpcode; // TEXT or BINARY while a message is in progress, else 0
    private ByteBuffer message; // the message so far, when it is not delivered straight from the read buffer
    private byte[] control; // a control frame split across reads (rare)
    private int controlLength;

    FrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Decodes everything in {@code in}. {@code view} is a duplicate of {@code in}, reused to show
     * payloads to the sink without allocating a slice per message.
     */
    void decode(ByteBuffer in, ByteBuffer view, Sink sink) throws IOException {
        while (true) {
            if (payloadLeft < 0 && !readHeader(in)) {
                return; // the header continues in the next read
            }
            int available = (int) Math.min(in.remaining(), payloadLeft);
            boolean complete = available == payloadLeft;
            boolean more = frameOpcode >= CLOSE
                    ? controlPayload(in, view, available, complete, sink)
                    : dataPayload(in, view, available, complete, sink);
            if (!complete) {
                payloadLeft -= available;
                return; // in is empty; the payload continues in the next read
            }
            payloadLeft = -1;
            if (!more) {
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
            throw new ProtocolException(1002, "masked frame from the server");
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
        start(length7 == 126 ? ByteBuffer.wrap(header, 2, 2).getShort() & 0xFFFF
                : length7 == 127 ? ByteBuffer.wrap(header, 2, 8).getLong() : length7);
        return true;
    }

    /** Checks a complete header against the protocol and the message in progress. */
    private void start(long length) throws ProtocolException {
        int b0 = header[0] & 0xFF;
        if ((b0 & 0x70) != 0) {
            throw new ProtocolException(1002, "reserved bits set, but no extension was negotiated");
        }
        frameFin = (b0 & 0x80) != 0;
        frameOpcode = b0 & 0x0F;
        switch (frameOpcode) {
            case CONTINUATION -> {
                if (messageOpcode == 0) {
                    throw new ProtocolException(1002, "continuation frame without a message");
                }
            }
            case TEXT, BINARY -> {
                if (messageOpcode != 0) {
                    throw new ProtocolException(1002, "new message inside a fragmented one");
                }
                messageOpcode = frameOpcode;
            }
            case CLOSE, PING, PONG -> {
                if (!frameFin || length > 125) {
                    throw new ProtocolException(1002, "control frame fragmented or longer than 125 bytes");
                }
            }
            default -> throw new ProtocolException(1002, "unknown opcode " + frameOpcode);
        }
        long sofar = message == null ? 0 : message.position();
        if (length < 0 || (frameOpcode < CLOSE && sofar + length > maxMessageBytes)) {
            throw new ProtocolException(1009, "message longer than " + maxMessageBytes + " bytes");
        }
        payloadLeft = length;
    }

    private boolean dataPayload(ByteBuffer in, ByteBuffer view, int available, boolean complete, Sink sink)
            throws IOException {
        int start = in.position();
        in.position(start + available);
        if (complete && frameFin && message == null) {
            // The common case: a whole message in this read, shown in place.
            view.clear().position(start).limit(start + available);
            int opcode = messageOpcode;
            messageOpcode = 0;
            return sink.onMessage(opcode, view);
        }
        if (message == null) {
            message = ByteBuffer.allocate((int) Math.max(payloadLeft, 256));
        } else if (message.remaining() < payloadLeft) {
            int capacity = (int) Math.min(maxMessageBytes, Math.max(message.position() + payloadLeft,
                    2L * message.capacity()));
            message = ByteBuffer.allocate(capacity).put(message.flip());
        }
        message.put(message.position(), in, start, available).position(message.position() + available);
        if (!complete || !frameFin) {
            return true;
        }
        ByteBuffer whole = message.flip();
        message = null;
        int opcode = messageOpcode;
        messageOpcode = 0;
        return sink.onMessage(opcode, whole);
    }

    private boolean controlPayload(ByteBuffer in, ByteBuffer view, int available, boolean complete, Sink sink)
            throws IOException {
        int start = in.position();
        if (complete && controlLength == 0) {
            in.position(start + available);
            view.clear().position(start).limit(start + available);
            return sink.onControl(frameOpcode, view);
        }
        if (control == null) {
            control = new byte[125];
        }
        in.get(control, controlLength, available);
        controlLength += available;
        if (!complete) {
            return true;
        }
        int length = controlLength;
        controlLength = 0;
        return sink.onControl(frameOpcode, ByteBuffer.wrap(control, 0, length));
    }
}
