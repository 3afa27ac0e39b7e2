package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    @Test
    void aTextInOnePartIsDeliveredAsIs() throws Exception {
        assertEquals("hello", new MessageAssembler(100).text("hello", true));
    }

    @Test
    void textPartsAreJoinedWhenTheLastArrives() throws Exception {
        MessageAssembler assembler = new MessageAssembler(100);
        assertNull(assembler.text("你", false));
        assertNull(assembler.text("好", false));
        assertEquals("你好!", assembler.text("!", true));
        assertEquals("next", assembler.text("next", true));
    }

    @Test
    void textSizeIsCountedInUtf8Bytes() throws Exception {
        assertEquals("你好", new MessageAssembler(6).text("你好", true)); // 2 x 3 bytes
        assertThrows(MessageTooBigException.class, () -> new MessageAssembler(5).text("你好", true));
        assertEquals(4, MessageAssembler.utf8Length("😀"));
    }

    @Test
    void aMessageGrowingPastTheLimitAcrossPartsIsRefused() throws Exception {
        MessageAssembler assembler = new MessageAssembler(4);
        assembler.text("abc", false);
        MessageTooBigException tooBig = assertThrows(MessageTooBigException.class, () -> assembler.text("de", true));
        assertEquals("message larger than 4 bytes", tooBig.getMessage());
    }

    @Test
    void binaryPartsAreCopiedAndJoined() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        ByteBuffer reused = ByteBuffer.wrap(new byte[] {1, 2});
        assertNull(assembler.binary(reused, false));
        reused.clear().put(new byte[] {9, 9}); // the container reuses its buffer
        ByteBuffer whole = assembler.binary(ByteBuffer.wrap(new byte[] {3}), true);
        byte[] bytes = new byte[whole.remaining()];
        whole.get(bytes);
        assertArrayEquals(new byte[] {1, 2, 3}, bytes);
    }

    @Test
    void binaryOverTheLimitIsRefused() {
        assertThrows(MessageTooBigException.class, () -> new MessageAssembler(2).binary(ByteBuffer.allocate(3), true));
    }

    @Test
    void theRestOfAnOversizedMessageIsDroppedAndTheNextMessageIsWhole() throws Exception {
        MessageAssembler assembler = new MessageAssembler(4);
        assertEquals(null, assembler.text("ab", false));
        assertThrows(MessageTooBigException.class, () -> assembler.text("cde", false));
        assertEquals(null, assembler.text("tail", false), "the rest of the big message is not a new one");
        assertEquals(null, assembler.text("end", true));
        assertEquals("next", assembler.text("next", true));
    }
}
