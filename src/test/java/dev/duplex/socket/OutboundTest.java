package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutboundTest {

    @Test
    void aTextWeighsItsCharactersAgainstTheOutboxAndCountsItsUtf8BytesAsSent() {
        Outbound.Text text = new Outbound.Text("héllo 你好😀"); // 1+2+1+1+1 +1 +3+3 +4 bytes; 😀 is two chars
        assertEquals(10, text.size());
        assertEquals(17, text.utf8Length());
        assertEquals(17, text.utf8Length(), "the same once kept");
    }
}
