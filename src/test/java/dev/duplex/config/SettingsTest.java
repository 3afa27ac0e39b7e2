package dev.duplex.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings read(Map<String, String> values) {
        return Settings.read(new ConfigReader(List.of(values::get)));
    }

    @Test
    void defaultsAreOneMebibyteEchoAndFiftyMessagesOfHistory() {
        Settings settings = read(Map.of());
        assertEquals(1024 * 1024, settings.echoMaxBytes());
        assertEquals(50, settings.roomHistory());
        assertEquals(ZoneId.systemDefault(), settings.timeZone());
    }

    @Test
    void everyKeyIsRead() {
        Settings settings = read(Map.of("duplex.time.zone", "Asia/Shanghai", "duplex.echo.max-bytes", "2048",
                "duplex.room.history", " 7 "));
        assertEquals(ZoneId.of("Asia/Shanghai"), settings.timeZone());
        assertEquals(2048, settings.echoMaxBytes());
        assertEquals(7, settings.roomHistory());
    }

    @Test
    void theFirstSourceThatHasAKeyWins() {
        ConfigReader reader = new ConfigReader(List.of(Map.of("k", "first")::get, Map.of("k", "second", "j", "x")::get));
        assertEquals("first", reader.get("k").orElseThrow());
        assertEquals("x", reader.get("j").orElseThrow());
    }

    @Test
    void environmentVariablesAreTheKeysInUpperCaseWithUnderscores() {
        assertEquals("DUPLEX_ECHO_MAX_BYTES", ConfigReader.environmentName("duplex.echo.max-bytes"));
    }

    @Test
    void badValuesAreRefusedWithTheKeyInTheMessage() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("duplex.echo.max-bytes", "lots")));
        assertEquals("duplex.echo.max-bytes must be a whole number, was 'lots'", notANumber.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("duplex.room.history", "-1")));
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("duplex.time.zone", "Mars/Olympus")));
    }
}
