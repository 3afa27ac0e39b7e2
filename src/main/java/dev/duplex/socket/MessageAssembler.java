package dev.duplex.socket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Joins the parts of one incoming message and enforces the endpoint's size limit as they arrive.
 * Endpoints take partial messages so the container's own buffer stays small (Tomcat would otherwise
 * allocate a buffer of the maximum message size for every session); the limit is applied here,
 * the same on every container. One assembler per session: WebSocket never interleaves two messages.
 */
public final class MessageAssembler {

    private final long maxBytes;
    private long bytes;
    private long wholeBytes; // of the last whole message returned
    private boolean discarding; // the rest of a message that was too big
    private StringBuilder text;
    private ByteArrayOutputStream binary;

    public MessageAssembler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The whole text message once {@code last} arrives, else null. Size is counted as UTF-8. */
    public String text(String part, boolean last) throws MessageTooBigException {
        if (skipRest(last)) {
            return null;
        }
        count(utf8Length(part), last);
        if (last && text == null) {
            completed();
            return part; // the usual case, one part: no copy
        }
        if (text == null) {
            text = new StringBuilder(part.length() * 2);
        }
        text.append(part);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text = null;
        completed();
        return whole;
    }

    /** The whole binary message once {@code last} arrives, else null; always a copy the caller owns. */
    public ByteBuffer binary(ByteBuffer part, boolean last) throws MessageTooBigException {
        if (skipRest(last)) {
            return null;
        }
        count(part.remaining(), last);
        if (binary == null) {
            binary = new ByteArrayOutputStream(part.remaining());
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk); // the container may reuse its buffer once we return
        binary.writeBytes(chunk);
        if (!last) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.wrap(binary.toByteArray());
        binary = null;
        completed();
        return whole;
    }

    private void completed() {
        wholeBytes = bytes;
        bytes = 0;
    }

    /** The size of the last whole message returned, in bytes (UTF-8 for text), for the metrics. */
    public long wholeBytes() {
        return wholeBytes;
    }

    /** After a message was found too big, its remaining parts are dropped, not taken for a new message. */
    private boolean skipRest(boolean last) {
        if (!discarding) {
            return false;
        }
        discarding = !last;
        return true;
    }

    private void count(long partBytes, boolean last) throws MessageTooBigException {
        bytes += partBytes;
        if (bytes > maxBytes) {
            text = null;
            binary = null;
            bytes = 0;
            discarding = !last;
            throw new MessageTooBigException(maxBytes);
        }
    }

    /**
     * UTF-8 length without encoding. Each half of a surrogate pair counts 2, so a pair counts 4 even
     * when a container splits it across two parts.
     */
    static long utf8Length(CharSequence chars) {
        long length = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                length += 2;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
