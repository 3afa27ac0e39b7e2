package dev.duplex.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"lobby", "聊天室", "Café_2.0-b", "x", "комната"})
    void lettersOfAnyScriptDigitsDashUnderscoreAndDotAreAccepted(String name) {
        assertEquals(Optional.of(name), RoomName.parse(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "a/b", "semi;colon", "plus+", "emoji😀", "tab\t"})
    void anythingElseIsRefused(String name) {
        assertEquals(Optional.empty(), RoomName.parse(name));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void atMostSixtyFourCharactersCountedAsCodePoints(int length) {
        String name = "聊".repeat(length);
        assertEquals(length <= 64, RoomName.parse(name).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%E8%81%8A%E5%A4%A9", "%e8%81%8a%e5%a4%a9"})
    void aStillPercentEncodedNameIsDecoded(String encoded) {
        assertEquals(Optional.of("聊天"), RoomName.parse(encoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%20", "%E8%81", "%zz", "a%2Fb"})
    void aPercentEncodedNameMustDecodeToAValidOne(String encoded) {
        assertEquals(Optional.empty(), RoomName.parse(encoded));
    }
}
