package dev.duplex.room.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.Member;
import dev.duplex.room.RoomEvent.ChatMessage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final JsonCodec json = new JsonCodec();
    private final MessageCodec codec = new MessageCodec(json);
    private final ChatMessage message = new ChatMessage("茶室 \"quoted\"", "1700000000000-1", new Member("a1", "Ann \\o/"),
            "吗? \"hi\"\n", Instant.parse("2026-12-03T09:00:00.123Z"));

    @Test
    void aSplicedMessageIsTheSameTextAsTheMessageWrittenWhole() {
        String kept = codec.kept(message);
        assertEquals(json.write(message),
                codec.forClients(codec.roomField(message.room()), message.id(), kept).orElseThrow().text());
    }

    @Test
    void theKeptFormReadsBackAsTheMessage() {
        assertEquals(Optional.of(message), codec.message(message.room(), message.id(), codec.kept(message)));
    }

    @Test
    void aSendersUserSurvivesTheKeptForm() {
        ChatMessage fromUser = new ChatMessage("r", "1-1", new Member("a1", "Ann", "u-42"), "hi", message.time());
        String kept = codec.kept(fromUser);
        assertEquals(Optional.of(fromUser), codec.message("r", "1-1", kept));
        assertEquals(json.write(fromUser), codec.forClients(codec.roomField("r"), "1-1", kept).orElseThrow().text());
    }

    @Test
    void aTextThatIsNoKeptMessageIsNotHandedOn() {
        assertEquals(Optional.empty(), codec.forClients("\"room\":\"r\"", "1-1", "{\"type\":\"join\"}"));
        assertEquals(Optional.empty(), codec.message("r", "1-1", "not json"));
    }
}
