package dev.duplex.auth;

import static dev.duplex.auth.Tokens.CLOCK;
import static dev.duplex.auth.Tokens.NOW;
import static dev.duplex.auth.Tokens.at;
import static dev.duplex.auth.Tokens.claims;
import static dev.duplex.auth.Tokens.hs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.duplex.config.AuthSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Tokens signed with the shared secret (HS256), and what their claims grant. */
class TokenVerifierTest {

    private final TokenVerifier verifier = Tokens.verifier(Tokens.secretMode());

    private static void assertRefused(String reason, Executable verifying) {
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, verifying);
        assertEquals(reason, refused.getMessage());
    }

    @Test
    void anHs256TokenSignedWithTheSecretGrantsTheIdentityItNames() throws Exception {
        Identity identity = verifier.verify(hs256(claims("u-42").claim("name", "Ana")
                .claim("rooms", List.of("lobby", "team-*")).claim("publish", List.of("team-*"))));
        assertEquals("u-42", identity.user());
        assertEquals("u-42", identity.getName(), "the principal's name is the user id");
        assertEquals("Ana", identity.name());
        assertEquals(RoomPatterns.of(List.of("lobby", "team-*")), identity.rooms());
        assertEquals(RoomPatterns.of(List.of("team-*")), identity.publish());
        assertEquals(NOW.plus(Duration.ofHours(1)), identity.expiresAt());
    }

    @Test
    void anHs256TokenThatNamesAKidIsStillVerifiedWithTheSecret() throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k-2026").build(),
                claims("u").build());
        token.sign(new MACSigner(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals("u", verifier.verify(token.serialize()).user());
    }

    @Test
    void anRs256TokenIsRefusedWhenTokensAreVerifiedWithASecret() {
        assertRefused("unknown signing key or algorithm",
                () -> verifier.verify(Tokens.signed(Tokens.rsaKey("rsa"), claims("u"))));
    }

    @Test
    void noVerifierIsMadeWhenAnyoneMayConnect() {
        assertTrue(TokenVerifier.from(AuthSettings.none(), CLOCK).isEmpty());
    }

    @Test
    void aTokenExpiredBeyondTheSixtySecondsOfClockSkewIsRefused() {
        assertRefused("token expired", () -> verifier.verify(hs256(claims("u").expirationTime(at(Duration.ofSeconds(-61))))));
    }

    @Test
    void aTokenExpiredThirtySecondsAgoIsStillAcceptedForClockSkew() throws Exception {
        assertEquals("u", verifier.verify(hs256(claims("u").expirationTime(at(Duration.ofSeconds(-30))))).user());
    }

    @Test
    void aTokenWhoseNotBeforeIsStillToComeIsRefused() {
        assertRefused("token not yet valid", () -> verifier.verify(hs256(claims("u").notBeforeTime(at(Duration.ofMinutes(5))))));
    }

    @Test
    void aNotBeforeWithinTheClockSkewIsAccepted() throws Exception {
        assertEquals("u", verifier.verify(hs256(claims("u").notBeforeTime(at(Duration.ofSeconds(30))))).user());
    }

    @Test
    void aTokenSignedWithAnotherSecretHasABadSignature() {
        byte[] another = "another-secret-of-thirty-two-bytes-or-more".getBytes(StandardCharsets.UTF_8);
        assertRefused("bad signature", () -> verifier.verify(hs256(claims("u"), another)));
    }

    @Test
    void aTokenWhosePayloadWasChangedAfterSigningHasABadSignature() {
        String[] parts = hs256(claims("u")).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        assertRefused("bad signature", () -> verifier.verify(parts[0] + "." + forged + "." + parts[2]));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        TokenVerifier strict = Tokens.verifier(Tokens.secretMode("https://id.example", "duplex"));
        assertRefused("wrong audience", () -> strict.verify(hs256(claims("u").issuer("https://id.example").audience("other"))));
    }

    @Test
    void aTokenWithoutAnAudienceIsRefusedWhenOneIsConfigured() {
        TokenVerifier strict = Tokens.verifier(Tokens.secretMode("https://id.example", "duplex"));
        assertRefused("wrong audience", () -> strict.verify(hs256(claims("u").issuer("https://id.example"))));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        TokenVerifier strict = Tokens.verifier(Tokens.secretMode("https://id.example", "duplex"));
        assertRefused("wrong issuer", () -> strict.verify(hs256(claims("u").issuer("https://evil.example").audience("duplex"))));
    }

    @Test
    void aTokenWithTheConfiguredIssuerAndAudienceIsAccepted() throws Exception {
        TokenVerifier strict = Tokens.verifier(Tokens.secretMode("https://id.example", "duplex"));
        assertEquals("u", strict.verify(hs256(claims("u").issuer("https://id.example").audience("duplex"))).user());
    }

    @Test
    void issuerAndAudienceAreNotCheckedWhenNotConfigured() throws Exception {
        assertEquals("u", verifier.verify(hs256(claims("u").issuer("anyone").audience("anything"))).user());
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = new PlainJWT(claims("admin").build()).serialize();
        assertRefused("unsigned token", () -> verifier.verify(unsigned));
    }

    @Test
    void anEncryptedTokenIsRefused() throws Exception {
        EncryptedJWT encrypted = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                claims("u").build());
        encrypted.encrypt(new DirectEncrypter(new byte[32]));
        assertRefused("encrypted token", () -> verifier.verify(encrypted.serialize()));
    }

    @Test
    void aTokenWithoutSubIsRefused() {
        assertRefused("missing claim sub", () -> verifier.verify(hs256(new JWTClaimsSet.Builder()
                .expirationTime(at(Duration.ofHours(1))))));
    }

    @Test
    void aTokenWithABlankSubIsRefused() {
        assertRefused("missing claim sub", () -> verifier.verify(hs256(claims(" "))));
    }

    @Test
    void aTokenWithoutExpIsRefused() {
        assertRefused("missing claim exp", () -> verifier.verify(hs256(new JWTClaimsSet.Builder().subject("u"))));
    }

    @Test
    void theNameDefaultsToTheUserId() throws Exception {
        assertEquals("u-42", verifier.verify(hs256(claims("u-42"))).name());
    }

    @Test
    void withoutRoomsTheTokenGrantsEveryRoomToJoinAndSendTo() throws Exception {
        Identity identity = verifier.verify(hs256(claims("u")));
        assertTrue(identity.mayJoin("anything"));
        assertTrue(identity.mayPublish("anything"));
    }

    @Test
    void withoutPublishTheUserMaySendWhereTheyMayJoin() throws Exception {
        Identity identity = verifier.verify(hs256(claims("u").claim("rooms", List.of("team-*"))));
        assertTrue(identity.mayPublish("team-red"));
        assertFalse(identity.mayPublish("lobby"));
    }

    @Test
    void publishCanNarrowSendingToSomeOfTheRoomsJoined() throws Exception {
        Identity identity = verifier.verify(hs256(claims("u").claim("rooms", List.of("lobby", "news"))
                .claim("publish", List.of("lobby"))));
        assertTrue(identity.mayJoin("news"));
        assertFalse(identity.mayPublish("news"));
        assertTrue(identity.mayPublish("lobby"));
    }

    @Test
    void anEmptyRoomsListGrantsNoRoom() throws Exception {
        Identity identity = verifier.verify(hs256(claims("u").claim("rooms", List.of())));
        assertFalse(identity.mayJoin("lobby"));
        assertFalse(identity.mayPublish("lobby"));
    }

    @Test
    void roomsThatAreNotAnArrayOfStringsAreRefused() {
        assertRefused("claim rooms must be an array of strings", () -> verifier.verify(hs256(claims("u").claim("rooms", "lobby"))));
        assertRefused("claim rooms must be an array of strings", () -> verifier.verify(hs256(claims("u").claim("rooms", List.of(1, 2)))));
    }

    @Test
    void publishThatIsNotAnArrayOfStringsIsRefused() {
        assertRefused("claim publish must be an array of strings", () -> verifier.verify(hs256(claims("u").claim("publish", 7))));
    }

    @Test
    void aNameThatIsNotAStringIsRefused() {
        assertRefused("claim name must be a string", () -> verifier.verify(hs256(claims("u").claim("name", List.of("a")))));
    }

    @Test
    void aSubThatIsNeitherTextNorANumberIsRefused() {
        assertRefused("invalid token", () -> verifier.verify(hs256(claims("u").claim("sub", List.of("u")))));
    }

    @Test
    void aNumericSubIsTakenAsItsDigitsAsNimbusDoesForInteroperability() throws Exception {
        assertEquals("42", verifier.verify(hs256(claims("u").claim("sub", 42))).user());
    }

    @Test
    void somethingThatIsNotATokenIsMalformed() {
        assertRefused("malformed token", () -> verifier.verify("not.a.token"));
        assertRefused("malformed token", () -> verifier.verify("garbage"));
    }

    @Test
    void noTokenAtAllIsRefused() {
        assertRefused("no token", () -> verifier.verify(""));
        assertRefused("no token", () -> verifier.verify(null));
    }

    @Test
    void aTokenLongerThanAnyDuplexGrantsIsRefusedUnread() {
        String huge = hs256(claims("u").claim("padding", "x".repeat(TokenVerifier.MAX_TOKEN_CHARS)));
        assertRefused("token too long", () -> verifier.verify(huge));
    }
}
