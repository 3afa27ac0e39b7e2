package dev.duplex.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Tokens as an application would sign them, for the tests of token mode: HS256 with
 * {@link #SECRET}, which {@link #SETTINGS} configure duplex with. Signed here with Nimbus directly,
 * not with duplex's own minter, so the tests check duplex against the library, not against itself.
 */
public final class Tokens {

    public static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";
    public static final String API_KEY = "test-api-key-3f9a";
    /** Token mode, HS256 with {@link #SECRET}, the API on with {@link #API_KEY}. */
    public static final Map<String, String> SETTINGS = Map.of(
            "duplex.auth", "token",
            "duplex.auth.secret", SECRET,
            "duplex.api.key", API_KEY);

    private final JWTClaimsSet.Builder claims;
    private String secret = SECRET;

    private Tokens(String user) {
        Instant now = Instant.now();
        claims = new JWTClaimsSet.Builder().subject(user).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** A token for {@code user}, valid for an hour, every room granted, until changed. */
    public static Tokens forUser(String user) {
        return new Tokens(user);
    }

    public Tokens name(String name) {
        claims.claim("name", name);
        return this;
    }

    public Tokens rooms(String... patterns) {
        claims.claim("rooms", List.of(patterns));
        return this;
    }

    public Tokens publish(String... patterns) {
        claims.claim("publish", List.of(patterns));
        return this;
    }

    /** Expires {@code ttl} from now; a negative one expired that long ago. */
    public Tokens expiresIn(Duration ttl) {
        claims.expirationTime(Date.from(Instant.now().plus(ttl)));
        return this;
    }

    /** Signed with another secret: a bad signature. */
    public Tokens signedWithAnotherSecret() {
        secret = "another-secret-that-is-at-least-32-bytes-long";
        return this;
    }

    public String sign() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
