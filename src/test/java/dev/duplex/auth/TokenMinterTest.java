package dev.duplex.auth;

import static dev.duplex.auth.Tokens.CLOCK;
import static dev.duplex.auth.Tokens.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.duplex.config.AuthSettings;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void whatTheMinterSignsTheVerifierAcceptsWithTheSameIdentity() throws Exception {
        AuthSettings auth = Tokens.secretMode("https://duplex.example", "duplex");
        String token = TokenMinter.from(auth, CLOCK).orElseThrow().mint(
                new TokenRequest("u-7", "Ana", List.of("lobby", "team-*"), List.of("lobby"), HOUR));
        Identity identity = Tokens.verifier(auth).verify(token);
        assertEquals(new Identity("u-7", "Ana", RoomPatterns.of(List.of("lobby", "team-*")),
                RoomPatterns.of(List.of("lobby")), NOW.plus(HOUR)), identity);
    }

    @Test
    void aRequestWithSubAloneGrantsEveryRoomUnderTheUserIdAsName() throws Exception {
        String token = TokenMinter.from(Tokens.secretMode(), CLOCK).orElseThrow()
                .mint(new TokenRequest("u-7", null, null, null, HOUR));
        assertEquals(new Identity("u-7", "u-7", RoomPatterns.everyRoom(), RoomPatterns.everyRoom(), NOW.plus(HOUR)),
                Tokens.verifier(Tokens.secretMode()).verify(token));
    }

    @Test
    void aMintedTokenIsHs256WithIssuedAtExpiryIssuerAndAudience() throws Exception {
        String token = TokenMinter.from(Tokens.secretMode("https://duplex.example", "duplex"), CLOCK).orElseThrow()
                .mint(new TokenRequest("u-7", null, null, null, HOUR));
        SignedJWT parsed = SignedJWT.parse(token);
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        assertEquals(JWSAlgorithm.HS256, parsed.getHeader().getAlgorithm());
        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW.plus(HOUR)), claims.getExpirationTime());
        assertEquals("https://duplex.example", claims.getIssuer());
        assertEquals(List.of("duplex"), claims.getAudience());
    }

    @Test
    void thereIsNoMinterWithAJwksForDuplexHoldsNoPrivateKey() {
        assertTrue(TokenMinter.from(Tokens.jwksMode("https://id.example/jwks"), CLOCK).isEmpty());
    }

    @Test
    void thereIsNoMinterWhenAnyoneMayConnect() {
        assertTrue(TokenMinter.from(AuthSettings.none(), CLOCK).isEmpty());
    }

    @Test
    void aRequestWithoutSubIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenRequest(" ", null, null, null, HOUR));
    }

    @Test
    void aRequestWithoutAPositiveTtlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenRequest("u", null, null, null, Duration.ZERO));
    }
}
