package dev.duplex.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private final JsonCodec json = new JsonCodec();

    @Test
    void writesOneObjectWithTextEscapedAndUnicodeKept() {
        String written = json.write(out -> out.write("text", "\"<b>\"\n你好 😀"));
        assertEquals("{\"text\":\"\\\"<b>\\\"\\n你好 😀\"}", written);
    }

    @Test
    void readsAJsonObject() {
        assertEquals("message", json.readObject("{\"type\":\"message\"}").orElseThrow().getString("type"));
    }

    @Test
    void readsNothingFromTextThatIsNotOneJsonObject() {
        for (String text : new String[] {"hello", "{broken", "[1,2]", "\"string\"", "42", "{} trailing", ""}) {
            assertTrue(json.readObject(text).isEmpty(), text);
        }
    }
}
