package dev.duplex.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesTheParameterAsUtf8() {
        assertEquals(Optional.of("小明 x"), QueryString.first("a=1&name=%E5%B0%8F%E6%98%8E+x", "name"));
    }

    @Test
    void takesTheFirstOfRepeatedParameters() {
        assertEquals(Optional.of("one"), QueryString.first("name=one&name=two", "name"));
    }

    @Test
    void isEmptyWithoutTheParameterAndBlankWithoutAValue() {
        assertEquals(Optional.empty(), QueryString.first(null, "name"));
        assertEquals(Optional.empty(), QueryString.first("other=1", "name"));
        assertEquals(Optional.of(""), QueryString.first("name", "name"));
    }

    @Test
    void brokenPercentEncodingIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> QueryString.first("name=%E5%", "name"));
    }
}
