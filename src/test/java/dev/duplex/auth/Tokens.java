package dev.duplex.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.duplex.config.AuthSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Keys, settings and signed tokens for the token tests, all at one fixed instant. */
final class Tokens {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";

    private Tokens() {
    }

    static AuthSettings secretMode() {
        return new AuthSettings(AuthSettings.Mode.TOKEN, Optional.of(SECRET), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static AuthSettings secretMode(String issuer, String audience) {
        return new AuthSettings(AuthSettings.Mode.TOKEN, Optional.of(SECRET), Optional.empty(), Optional.of(issuer),
                Optional.of(audience));
    }

    static AuthSettings jwksMode(String jwks) {
        return new AuthSettings(AuthSettings.Mode.TOKEN, Optional.empty(), Optional.of(jwks), Optional.empty(),
                Optional.empty());
    }

    static TokenVerifier verifier(AuthSettings auth) {
        return TokenVerifier.from(auth, CLOCK).orElseThrow();
    }

    /** {@code sub} and an {@code exp} an hour from now: the least a token needs. */
    static JWTClaimsSet.Builder claims(String sub) {
        return new JWTClaimsSet.Builder().subject(sub).expirationTime(at(Duration.ofHours(1)));
    }

    static Date at(Duration fromNow) {
        return Date.from(NOW.plus(fromNow));
    }

    static String hs256(JWTClaimsSet.Builder claims) {
        return hs256(claims, SECRET.getBytes(StandardCharsets.UTF_8));
    }

    static String hs256(JWTClaimsSet.Builder claims, byte[] secret) {
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signed(JWK key, JWTClaimsSet.Builder claims) {
        try {
            if (key instanceof RSAKey rsa) {
                return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), claims,
                        new RSASSASigner(rsa));
            }
            ECKey ec = (ECKey) key;
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims,
                    new ECDSASigner(ec));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWKS a key server publishes: public halves only. */
    static String jwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    private static String sign(JWSHeader header, JWTClaimsSet.Builder claims, JWSSigner signer) throws JOSEException {
        SignedJWT token = new SignedJWT(header, claims.build());
        token.sign(signer);
        return token.serialize();
    }
}
