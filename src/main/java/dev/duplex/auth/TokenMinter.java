package dev.duplex.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.duplex.config.AuthSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Signs tokens with the shared secret (HS256), for applications that let duplex hand out their
 * users' tokens. Only in secret mode: with a JWKS duplex holds public keys alone and the tokens
 * come from the identity provider. Thread-safe.
 */
public final class TokenMinter {

    private final MACSigner signer;
    private final AuthSettings auth;
    private final Clock clock;

    private TokenMinter(MACSigner signer, AuthSettings auth, Clock clock) {
        this.signer = signer;
        this.auth = auth;
        this.clock = clock;
    }

    /** A minter for {@code auth}'s secret; empty without one (no auth, or a JWKS). */
    public static Optional<TokenMinter> from(AuthSettings auth, Clock clock) {
        return auth.secret().map(secret -> new TokenMinter(signer(secret), auth, clock));
    }

    /** A compact JWS granting what {@code request} asks, valid from now for its ttl. */
    public String mint(TokenRequest request) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(request.sub())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(request.ttl())));
        auth.issuer().ifPresent(claims::issuer);
        auth.audience().ifPresent(claims::audience);
        if (request.name() != null) {
            claims.claim(Claims.NAME, request.name());
        }
        if (request.rooms() != null) {
            claims.claim(Claims.ROOMS, request.rooms());
        }
        if (request.publish() != null) {
            claims.claim(Claims.PUBLISH, request.publish());
        }
        SignedJWT token = new SignedJWT(new JWSHeader(KeySources.SECRET_ALGORITHM), claims.build());
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return token.serialize();
    }

    private static MACSigner signer(String secret) {
        try {
            return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("duplex.auth.secret cannot sign HS256: " + e.getMessage(), e);
        }
    }
}
