package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.ClientCommand.Invalid;
import dev.duplex.room.ClientCommand.Say;
import org.junit.jupiter.api.Test;

class ClientCommandTest {

    private final JsonCodec json = new JsonCodec();

    @Test
    void plainTextIsSaidVerbatim() {
        assertEquals(new Say("  hello  "), ClientCommand.parse("  hello  ", json));
    }

    @Test
    void textThatDoesNotStartWithABraceIsSaidVerbatim() {
        for (String text : new String[] {"[1]", "\"x\"", "head {\"a\":1}", "broken}"}) {
            assertEquals(new Say(text), ClientCommand.parse(text, json), text);
        }
    }

    @Test
    void textWithBracesOnlyInTheMiddleIsSaidVerbatim() {
        for (String text : new String[] {"I {love} braces", "see {\"type\":\"message\",\"text\":\"hi\"} here"}) {
            assertEquals(new Say(text), ClientCommand.parse(text, json), text);
        }
    }

    @Test
    void textStartingWithABraceThatIsNotOneJsonObjectIsInvalidJson() {
        for (String text : new String[] {"{not json}", "{\"type\":\"message\",}", "{}x{}", "  {broken}  ", "{broken",
                "{\"a\":1} tail"}) {
            assertEquals(ClientCommand.INVALID_JSON, code(text), text);
        }
    }

    @Test
    void aMessageCommandSaysItsText() {
        assertEquals(new Say("hi"), ClientCommand.parse("{\"type\":\"message\",\"text\":\"hi\"}", json));
    }

    @Test
    void aCommandOfAnotherTypeIsAnUnknownType() {
        assertEquals(ClientCommand.UNKNOWN_TYPE, code("{\"type\":\"shout\",\"text\":\"hi\"}"));
        assertEquals(ClientCommand.UNKNOWN_TYPE, code("{\"text\":\"hi\"}"));
        assertEquals(ClientCommand.UNKNOWN_TYPE, code("{}"));
    }

    @Test
    void aMessageCommandWithoutATextStringIsMissingText() {
        assertEquals(ClientCommand.MISSING_TEXT, code("{\"type\":\"message\"}"));
        assertEquals(ClientCommand.MISSING_TEXT, code("{\"type\":\"message\",\"text\":42}"));
    }

    private String code(String text) {
        return ((Invalid) ClientCommand.parse(text, json)).code();
    }
}
