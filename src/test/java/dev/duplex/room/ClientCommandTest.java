package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.ClientCommand.Invalid;
import dev.duplex.room.ClientCommand.Say;
import dev.duplex.room.ClientCommand.Typing;
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

    @Test
    void aMessageCommandMayCarryAClientId() {
        assertEquals(new Say("hi", "c-1"), ClientCommand.parse("{\"type\":\"message\",\"text\":\"hi\",\"client_id\":\"c-1\"}", json));
    }

    @Test
    void aMessageWithoutAClientIdHasNone() {
        assertEquals(null, ((Say) ClientCommand.parse("{\"type\":\"message\",\"text\":\"hi\"}", json)).clientId());
        assertEquals(null, ((Say) ClientCommand.parse("hi", json)).clientId());
    }

    @Test
    void aClientIdOfSixtyFourCharactersIsTaken() {
        String longest = "吗".repeat(64);
        assertEquals(new Say("hi", longest), ClientCommand.parse(message("\"" + longest + "\""), json));
    }

    @Test
    void aClientIdThatIsEmptyTooLongOrNoStringIsInvalid() {
        for (String clientId : new String[] {"\"\"", "\"" + "x".repeat(65) + "\"", "42", "null", "[\"c\"]"}) {
            assertEquals(ClientCommand.INVALID_CLIENT_ID, code(message(clientId)), clientId);
        }
    }

    @Test
    void aTypingCommandIsTyping() {
        assertEquals(new Typing(), ClientCommand.parse("{\"type\":\"typing\"}", json));
    }

    private static String message(String clientIdJson) {
        return "{\"type\":\"message\",\"text\":\"hi\",\"client_id\":" + clientIdJson + "}";
    }

    private String code(String text) {
        return ((Invalid) ClientCommand.parse(text, json)).code();
    }
}
