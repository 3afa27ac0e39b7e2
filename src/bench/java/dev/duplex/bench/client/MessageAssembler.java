package dev.duplex.bench.client;

import static dev.duplex.testing.wire.Opcodes.BINARY;
import static dev.duplex.testing.wire.Opcodes.CLOSE;
import static dev.duplex.testing.wire.Opcodes.CONTINUATION;
import static dev.duplex.testing.wire.Opcodes.PING;
import static dev.duplex.testing.wire.Opcodes.PONG;
import static dev.duplex.testing.wire.Opcodes.TEXT;

import dev.duplex.testing.wire.FrameDecoder;
import dev.duplex.testing.wire.Opcodes;
import dev.duplex.testing.wire.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Turns a connection's decoded frames into messages, holding the server to RFC 6455 (section 5):
 * no reserved bits (no extension is negotiated), fragments in order, control frames short and
 * whole, messages no longer than the client takes. A message in one frame goes on as the decoder
 * showed it (in place in the read buffer, when it came in one read); only a fragmented one is
 * copied together, into a buffer dropped once it is delivered.
 */
final class MessageAssembler implements FrameDecoder.Sink {

    /** Where messages go. The payload is valid only during the call. */
    interface Messages {
        /** A whole TEXT or BINARY message; false to stop decoding. */
        boolean onMessage(int opcode, ByteBuffer payload) throws IOException;

        /** A PING, PONG or CLOSE frame; false to stop decoding. */
        boolean onControl(int opcode, ByteBuffer payload) throws IOException;
    }

    private final int maxMessageBytes;
    private final Messages messages;
    private int messageOpcode; // TEXT or BINARY while a fragmented message is in progress, else 0
    private ByteBuffer message; // its fragments so far

    MessageAssembler(int maxMessageBytes, Messages messages) {
        this.maxMessageBytes = maxMessageBytes;
        this.messages = messages;
    }

    /** Checks a header against the protocol and the message in progress, before its payload is read. */
    @Override
    public void onHeader(boolean fin, int rsv, int opcode, long length) throws ProtocolException {
        if (rsv != 0) {
            throw new ProtocolException(1002, "reserved bits set, but no extension was negotiated");
        }
        switch (opcode) {
            case CONTINUATION -> {
                if (messageOpcode == 0) {
                    throw new ProtocolException(1002, "continuation frame without a message");
                }
            }
            case TEXT, BINARY -> {
                if (messageOpcode != 0) {
                    throw new ProtocolException(1002, "new message inside a fragmented one");
                }
            }
            case CLOSE, PING, PONG -> {
                if (!fin || length > 125) {
                    throw new ProtocolException(1002, "control frame fragmented or longer than 125 bytes");
                }
            }
            default -> throw new ProtocolException(1002, "unknown opcode " + opcode);
        }
        long sofar = message == null ? 0 : message.position();
        if (!Opcodes.isControl(opcode) && sofar + length > maxMessageBytes) {
            throw new ProtocolException(1009, "message longer than " + maxMessageBytes + " bytes");
        }
    }

    @Override
    public boolean onFrame(boolean fin, int rsv, int opcode, ByteBuffer payload) throws IOException {
        if (Opcodes.isControl(opcode)) {
            return messages.onControl(opcode, payload);
        }
        if (fin && opcode != CONTINUATION) {
            return messages.onMessage(opcode, payload); // the common case: a message in one frame
        }
        if (opcode != CONTINUATION) {
            messageOpcode = opcode;
        }
        append(payload);
        if (!fin) {
            return true;
        }
        ByteBuffer whole = message.flip();
        message = null;
        int wholeOpcode = messageOpcode;
        messageOpcode = 0;
        return messages.onMessage(wholeOpcode, whole);
    }

    /** onHeader has checked that the message stays within the limit, so the buffer never grows past it. */
    private void append(ByteBuffer fragment) {
        int needed = (message == null ? 0 : message.position()) + fragment.remaining();
        if (message == null || message.capacity() < needed) {
            int capacity = message == null ? Math.max(needed, 256)
                    : (int) Math.min(maxMessageBytes, Math.max(needed, 2L * message.capacity()));
            ByteBuffer grown = ByteBuffer.allocate(Math.max(capacity, needed));
            if (message != null) {
                grown.put(message.flip());
            }
            message = grown;
        }
        message.put(fragment);
    }
}
