package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NicknameTest {

    @Test
    void theNameIsTrimmed() {
        assertEquals(Optional.of("小明"), Nickname.parse("  小明 "));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void noNameMakesAGuest(String parameter) {
        assertTrue(Nickname.parse(parameter).orElseThrow().matches("guest-[0-9a-f]{4}"));
    }

    @Test
    void thirtyTwoCharactersAreAcceptedAndThirtyThreeAreNot() {
        assertEquals(Optional.of("😀".repeat(32)), Nickname.parse("😀".repeat(32)));
        assertEquals(Optional.empty(), Nickname.parse("a".repeat(33)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bell\u0007", "new\nline", "nul\u0000", "bidi\u202e"})
    void controlCharactersAreRefused(String name) {
        assertEquals(Optional.empty(), Nickname.parse(name));
    }
}
