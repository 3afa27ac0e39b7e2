package dev.duplex.room.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelFrameTest {

    @Test
    void aMessageFrameCarriesItsIdOriginAndJsonAcrossTheChannel() {
        ChannelFrame frame = new ChannelFrame("1700000000000-3", new Origin("ab12", 7), "{\"text\":\"a\\nb\"}");
        assertEquals("1700000000000-3\nab12:7\n{\"text\":\"a\\nb\"}", frame.encode());
        assertEquals(Optional.of(frame), ChannelFrame.parse(frame.encode()));
        assertTrue(frame.isMessage());
    }

    @Test
    void anEventFrameHasNoIdAndNoOrigin() {
        ChannelFrame event = ChannelFrame.event("{\"type\":\"join\"}");
        assertEquals("-\n\n{\"type\":\"join\"}", event.encode());
        ChannelFrame parsed = ChannelFrame.parse(event.encode()).orElseThrow();
        assertFalse(parsed.isMessage());
        assertEquals(Origin.NONE, parsed.origin());
    }

    @Test
    void aControlFrameIsForTheNodesAndNoMessage() {
        ChannelFrame control = ChannelFrame.control("{\"type\":\"remove\",\"user\":\"u\"}");
        ChannelFrame parsed = ChannelFrame.parse(control.encode()).orElseThrow();
        assertTrue(parsed.isControl());
        assertFalse(parsed.isMessage());
        assertFalse(ChannelFrame.event("{}").isControl());
    }

    @Test
    void jsonWithNewlinesStaysWholeAfterTheSecondLine() {
        assertEquals("{\n}", ChannelFrame.parse("1-1\nn:1\n{\n}").orElseThrow().json());
    }

    @Test
    void aTextWithoutTwoLinesIsNoFrame() {
        assertEquals(Optional.empty(), ChannelFrame.parse("hello"));
        assertEquals(Optional.empty(), ChannelFrame.parse("1-1\nno json line"));
    }
}
