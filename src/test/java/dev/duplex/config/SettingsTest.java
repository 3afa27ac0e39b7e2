package dev.duplex.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void defaultsOfConnectionsRateOutboxAndHeartbeat() {
        Settings settings = Settings.of(Map.of());
        assertEquals(List.of(), settings.allowedOrigins());
        assertEquals(10_000, settings.maxConnections());
        assertEquals(20, settings.roomRatePerSecond());
        assertEquals(40, settings.roomRateBurst());
        assertEquals(1_000, settings.outboxMaxSkipped());
        assertEquals(Duration.ofSeconds(25), settings.heartbeatInterval());
        assertEquals(Duration.ofSeconds(75), settings.heartbeatTimeout());
    }

    @Test
    void ofPutsTheGivenValuesInPlaceOfTheDefaults() {
        Settings settings = Settings.of(Map.of("duplex.max-connections", "5", "duplex.room.rate-per-second", "3",
                "duplex.room.rate-burst", "6", "duplex.outbox.max-skipped", "9",
                "duplex.heartbeat.interval-seconds", "10", "duplex.heartbeat.timeout-seconds", "30"));
        assertEquals(5, settings.maxConnections());
        assertEquals(3, settings.roomRatePerSecond());
        assertEquals(6, settings.roomRateBurst());
        assertEquals(9, settings.outboxMaxSkipped());
        assertEquals(Duration.ofSeconds(10), settings.heartbeatInterval());
        assertEquals(Duration.ofSeconds(30), settings.heartbeatTimeout());
        assertEquals(50, settings.roomHistory(), "a key not given keeps its default");
    }

    @Test
    void allowedOriginsAreACommaListWithBlanksTrimmedAndEmptyItemsDropped() {
        Settings settings = Settings.of(Map.of("duplex.allowed-origins", " https://a.example , ,https://b.example,"));
        assertEquals(List.of("https://a.example", "https://b.example"), settings.allowedOrigins());
    }

    @Test
    void aHeartbeatTimeoutNotLongerThanTheIntervalIsRefused() {
        for (String timeout : new String[] {"30", "20"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Settings.of(Map.of("duplex.heartbeat.interval-seconds", "30",
                            "duplex.heartbeat.timeout-seconds", timeout)));
            assertTrue(refused.getMessage().contains("duplex.heartbeat.timeout-seconds"), refused.getMessage());
        }
    }

    @Test
    void roomsOfUpToAHundredMembersHavePresenceByDefaultAndZeroTurnsItOff() {
        assertEquals(100, read(Map.of()).roomPresenceLimit());
        assertEquals(0, read(Map.of("duplex.room.presence-limit", "0")).roomPresenceLimit());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("duplex.room.presence-limit", "-1")));
    }

    @Test
    void everyKeyIsRead() {
        Settings settings = read(Map.of("duplex.time.zone", "Asia/Shanghai", "duplex.echo.max-bytes", "2048",
                "duplex.room.history", " 7 ", "duplex.room.presence-limit", "20"));
        assertEquals(ZoneId.of("Asia/Shanghai"), settings.timeZone());
        assertEquals(2048, settings.echoMaxBytes());
        assertEquals(7, settings.roomHistory());
        assertEquals(20, settings.roomPresenceLimit());
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

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";

    private static IllegalArgumentException refused(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> Settings.of(values));
    }

    @Test
    void anyoneMayConnectByDefaultAndTheApiIsOff() {
        Settings settings = Settings.of(Map.of());
        assertEquals(AuthSettings.none(), settings.auth());
        assertEquals(Optional.empty(), settings.apiKey());
    }

    @Test
    void tokenModeWithASecretReadsIssuerAudienceAndTheApiKey() {
        Settings settings = Settings.of(Map.of("duplex.auth", "token", "duplex.auth.secret", SECRET,
                "duplex.auth.issuer", "https://id.example", "duplex.auth.audience", "duplex", "duplex.api.key", "k-1"));
        assertEquals(new AuthSettings(AuthSettings.Mode.TOKEN, Optional.of(SECRET), Optional.empty(),
                Optional.of("https://id.example"), Optional.of("duplex")), settings.auth());
        assertEquals(Optional.of("k-1"), settings.apiKey());
    }

    @Test
    void anAuthModeOtherThanNoneOrTokenIsRefused() {
        assertEquals("duplex.auth must be none or token, was 'basic'", refused(Map.of("duplex.auth", "basic")).getMessage());
    }

    @Test
    void tokenModeWithoutAKeyDoesNotStartAndSaysWhichKeysToSet() {
        String message = refused(Map.of("duplex.auth", "token")).getMessage();
        assertTrue(message.contains("duplex.auth.secret") && message.contains("duplex.auth.jwks"), message);
    }

    @Test
    void aSecretShorterThanThirtyTwoBytesIsRefused() {
        String message = refused(Map.of("duplex.auth", "token", "duplex.auth.secret", "x".repeat(31))).getMessage();
        assertTrue(message.startsWith("duplex.auth.secret must be at least 32 bytes"), message);
    }

    @Test
    void theSecretIsMeasuredInUtf8Bytes() {
        String elevenCharactersOfThirtyThreeBytes = "密".repeat(11);
        Settings settings = Settings.of(Map.of("duplex.auth", "token", "duplex.auth.secret", elevenCharactersOfThirtyThreeBytes));
        assertEquals(Optional.of(elevenCharactersOfThirtyThreeBytes), settings.auth().secret());
    }

    @Test
    void aSecretAndAJwksTogetherAreRefused() {
        String message = refused(Map.of("duplex.auth", "token", "duplex.auth.secret", SECRET,
                "duplex.auth.jwks", "https://id.example/jwks")).getMessage();
        assertTrue(message.contains("not both"), message);
    }

    @Test
    void aKeyWithoutTokenModeIsRefusedRatherThanSilentlyLeavingEveryoneIn() {
        String message = refused(Map.of("duplex.auth.secret", SECRET)).getMessage();
        assertTrue(message.contains("duplex.auth=token"), message);
    }

    @Test
    void theJwksIsAnHttpUrlAFileUrlOrAPath() {
        for (String jwks : new String[] {"https://id.example/.well-known/jwks.json", "file:/etc/duplex/jwks.json",
                "/etc/duplex/jwks.json", "jwks.json"}) {
            assertEquals(Optional.of(jwks), Settings.of(Map.of("duplex.auth", "token", "duplex.auth.jwks", jwks))
                    .auth().jwks());
        }
    }

    @Test
    void aJwksOfAnotherSchemeIsRefused() {
        String message = refused(Map.of("duplex.auth", "token", "duplex.auth.jwks", "ftp://id.example/jwks")).getMessage();
        assertTrue(message.startsWith("duplex.auth.jwks must be"), message);
    }

    @Test
    void theSummaryNamesTheAuthModeButNeverTheSecretNorTheApiKey() {
        String summary = Settings.of(Map.of("duplex.auth", "token", "duplex.auth.secret", SECRET,
                "duplex.api.key", "api-key-value")).summary();
        assertTrue(summary.contains("auth token (HS256)"), summary);
        assertTrue(summary.contains("API on"), summary);
        assertFalse(summary.contains(SECRET) || summary.contains("api-key-value"), summary);
    }

    @Test
    void theSummaryNamesTheJwksItVerifiesWith() {
        String summary = Settings.of(Map.of("duplex.auth", "token", "duplex.auth.jwks", "https://id.example/jwks")).summary();
        assertTrue(summary.contains("auth token (JWKS https://id.example/jwks)"), summary);
    }

    @Test
    void noEndpointMayTakeMessagesOfMoreThanSixteenMebibytes() {
        for (String key : List.of("duplex.echo.max-bytes", "duplex.rewrite.max-bytes", "duplex.room.max-bytes")) {
            assertThrows(IllegalArgumentException.class, () -> read(Map.of(key, Integer.toString(16 * Settings.MIB + 1))));
            assertDoesNotThrow(() -> read(Map.of(key, Integer.toString(16 * Settings.MIB))));
        }
    }

    @Test
    void payarasFrameBufferInWebXmlHoldsTheLargestMessageAndItsHeader() throws Exception {
        String webXml = Files.readString(Path.of("webapp/WEB-INF/web.xml"));
        int frameHeader = 14; // the longest: 2 bytes, 8 of length, 4 of mask
        assertTrue(webXml.contains("<param-value>" + (Settings.MAX_MESSAGE_BYTES + frameHeader) + "</param-value>"),
                "org.glassfish.tyrus.servlet.incoming-buffer-size must be Settings.MAX_MESSAGE_BYTES + 14");
    }

    @Test
    void aJwksFetchedInTheClearFromAnotherMachineIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("duplex.auth", "token", "duplex.auth.jwks", "http://id.example/jwks")));
        assertDoesNotThrow(() -> read(Map.of("duplex.auth", "token", "duplex.auth.jwks", "http://127.0.0.1:8081/jwks")));
    }
}
