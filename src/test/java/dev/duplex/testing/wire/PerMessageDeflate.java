package dev.duplex.testing.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) for one message at a time, as a test compresses one to send and
 * checks one it got: each message compressed on its own, no context kept between them.
 */
public final class PerMessageDeflate {

    /** RSV1 in a frame's first byte: "this message is compressed". */
    public static final int RSV1 = 0x40;

    private PerMessageDeflate() {
    }

    /** Deflated without the zlib wrapper, the final empty block's 00 00 FF FF removed (section 7.2.1). */
    public static byte[] compress(String text) {
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
        return Arrays.copyOf(payload, payload.length - 4);
    }

    /**
     * The text of a compressed message: the first the server sent on its connection, since later ones
     * may refer back to it (context takeover).
     */
    public static String decompress(byte[] payload) throws DataFormatException {
        byte[] input = Arrays.copyOf(payload, payload.length + 4);
        input[input.length - 2] = (byte) 0xFF; // the 00 00 FF FF the sender removed (section 7.2.2)
        input[input.length - 1] = (byte) 0xFF;
        Inflater inflater = new Inflater(true);
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
}
