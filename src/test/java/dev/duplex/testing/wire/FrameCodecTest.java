package dev.duplex.testing.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared framing on its own: what one raw client encodes, the other's decoder reads back. */
class FrameCodecTest {

    /** A frame as the decoder showed it, copied. */
    private record Seen(boolean fin, int rsv, int opcode, byte[] payload) {
    }

    @Test
    void aMaskedFrameUnmasksToItsPayloadAtEachLengthForm() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536}) {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (i * 7);
            }
            byte[] key = {1, 2, 3, 4};
            ByteBuffer frame = FrameEncoder.frame(true, Opcodes.BINARY, payload, key);
            int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
            assertEquals(header + 4 + length, frame.remaining(), "length " + length);
            assertEquals((byte) 0x82, frame.get(0));
            assertTrue((frame.get(1) & 0x80) != 0, "mask bit");
            byte[] unmasked = new byte[length];
            for (int i = 0; i < length; i++) {
                unmasked[i] = (byte) (frame.get(header + 4 + i) ^ key[i & 3]);
            }
            assertArrayEquals(payload, unmasked, "length " + length);
        }
    }

    @Test
    void aPayloadMaskedInPiecesEqualsOneMaskedWhole() {
        byte[] payload = "masked in three pieces".getBytes(UTF_8);
        byte[] key = FrameEncoder.maskKey();
        ByteBuffer whole = ByteBuffer.allocate(payload.length);
        FrameEncoder.putMasked(payload, 0, payload.length, key, whole);
        ByteBuffer pieces = ByteBuffer.allocate(payload.length);
        FrameEncoder.putMasked(payload, 0, 5, key, pieces);
        FrameEncoder.putMasked(payload, 5, 6, key, pieces);
        FrameEncoder.putMasked(payload, 11, payload.length - 11, key, pieces);
        assertArrayEquals(whole.array(), pieces.array());
    }

    @Test
    void framesSplitAnywhereDecodeWholeWithTheirReservedBitsAsSent() throws Exception {
        byte[] big = new byte[300];
        ByteBuffer wire = ByteBuffer.allocate(400)
                .put(new byte[] {(byte) 0xC1, 2, 'h', 'i'}) // FIN, RSV1, text: what a compressed message looks like
                .put(new byte[] {0x01, 126, 1, 44}).put(big) // a first fragment of 300 bytes, 16-bit length
                .put(new byte[] {(byte) 0x89, 0}) // an empty ping
                .flip();
        for (int chunk : new int[] {1, 3, wire.remaining()}) {
            List<Seen> seen = decode(wire.duplicate(), chunk);
            assertEquals(3, seen.size(), "chunks of " + chunk);
            Seen compressed = seen.get(0);
            assertTrue(compressed.fin() && compressed.rsv() == 0x4 && compressed.opcode() == Opcodes.TEXT,
                    "chunks of " + chunk);
            assertArrayEquals("hi".getBytes(UTF_8), compressed.payload());
            assertFalse(seen.get(1).fin());
            assertEquals(300, seen.get(1).payload().length);
            assertEquals(Opcodes.PING, seen.get(2).opcode());
            assertEquals(0, seen.get(2).payload().length);
        }
    }

    @Test
    void aMaskedServerFrameAndAnOverlongOneAreProtocolErrors() {
        ProtocolException masked = assertThrows(ProtocolException.class,
                () -> decode(ByteBuffer.wrap(new byte[] {(byte) 0x81, (byte) 0x80, 0, 0, 0, 0}), 6));
        assertEquals(1002, masked.closeCode());
        ProtocolException overlong = assertThrows(ProtocolException.class,
                () -> new FrameDecoder(10).decode(ByteBuffer.wrap(new byte[] {(byte) 0x82, 11}), (f, r, o, p) -> true));
        assertEquals(1009, overlong.closeCode());
    }

    @Test
    void aCloseFramePayloadCarriesTheCodeAsGivenThenTheReason() {
        assertArrayEquals(new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}, FrameEncoder.closePayload(1000, "bye"));
        assertArrayEquals(new byte[] {0x00, 0x05}, FrameEncoder.closePayload(5, ""));
    }

    /** Feeds {@code wire} to a decoder {@code chunk} bytes per read, as a socket might deliver it. */
    private static List<Seen> decode(ByteBuffer wire, int chunk) throws Exception {
        FrameDecoder decoder = new FrameDecoder(1 << 20);
        List<Seen> seen = new ArrayList<>();
        while (wire.hasRemaining()) {
            ByteBuffer read = wire.slice(wire.position(), Math.min(chunk, wire.remaining()));
            wire.position(wire.position() + read.remaining());
            decoder.decode(read, (fin, rsv, opcode, payload) -> {
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                return seen.add(new Seen(fin, rsv, opcode, bytes));
            });
            assertFalse(read.hasRemaining(), "the decoder takes all it is given");
        }
        return seen;
    }
}
