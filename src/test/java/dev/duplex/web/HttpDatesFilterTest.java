package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpDatesFilterTest {

    @Test
    void anImfFixdateIsReadAsEpochMillis() {
        assertEquals(784_111_777_000L, HttpDatesFilter.epochMillis("Sun, 06 Nov 1994 08:49:37 GMT"));
    }

    @Test
    void anObsoleteFormatIsLeftToTheContainer() {
        assertEquals(-1, HttpDatesFilter.epochMillis("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(-1, HttpDatesFilter.epochMillis("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void somethingElseIsNotADate() {
        assertEquals(-1, HttpDatesFilter.epochMillis("yesterday"));
    }
}
