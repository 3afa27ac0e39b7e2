package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionSinkTest {

    @Test
    void aShortCloseReasonIsSentAsItIs() {
        String reason = "token expired";
        assertSame(reason, SessionSink.fitted(reason));
    }

    @Test
    void aCloseReasonLongerThanAFrameHoldsIsCutAtACharactersEnd() {
        String fitted = SessionSink.fitted("房".repeat(60)); // 180 bytes in UTF-8, 3 each
        assertEquals("房".repeat(41), fitted); // 123 bytes
        assertEquals(123, fitted.getBytes(StandardCharsets.UTF_8).length);
    }
}
