package dev.duplex.room.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OriginTest {

    @Test
    void readsNodeAndSequence() {
        assertEquals(new Origin("a1b2c3", 42), Origin.parse("a1b2c3:42"));
    }

    @Test
    void writesWhatItReads() {
        assertEquals("a1b2c3:42", new Origin("a1b2c3", 42).toString());
    }

    @Test
    void anythingElseIsNoOrigin() {
        for (String text : new String[] {null, "", "node", "node:", "node:x"}) {
            assertEquals(Origin.NONE, Origin.parse(text), text);
        }
    }
}
