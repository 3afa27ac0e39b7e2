package dev.duplex.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.json.JsonCodec;
import org.junit.jupiter.api.Test;

class RewriteReplyTest {

    @Test
    void isWrittenWithTheTutorialsFieldNamesInItsOrder() {
        String json = new JsonCodec().write(new RewriteReply("2026.11.22 09:05:03", "在!", "在吗？"));
        assertEquals("{\"time\":\"2026.11.22 09:05:03\",\"server_msg\":\"在!\",\"client_msg\":\"在吗？\"}", json);
    }
}
