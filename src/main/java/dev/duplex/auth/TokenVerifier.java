package dev.duplex.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.duplex.config.AuthSettings;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;

/**
 * Verifies a compact JWS and says who it grants. Nimbus does the work: the signature with the one
 * algorithm family the key allows ({@link KeySources}), {@code exp} (required) and {@code nbf} with
 * 60 s of clock skew, and {@code iss} and {@code aud} where configured ({@link ClaimsCheck}).
 * Unsigned ({@code alg: none}) and encrypted tokens are refused before any of it. Thread-safe: one verifier serves every handshake.
 */
public final class TokenVerifier {

    /** Far more than any token duplex grants; a bigger one is refused before it is parsed. */
    public static final int MAX_TOKEN_CHARS = 8192;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    TokenVerifier(JWSKeySelector<SecurityContext> keys, AuthSettings auth, Clock clock) {
        processor.setJWSKeySelector(keys);
        processor.setJWTClaimsSetVerifier(new ClaimsCheck(auth, clock));
    }

    /** The verifier {@code auth} asks for; empty when anyone may connect ({@code duplex.auth=none}). */
    public static Optional<TokenVerifier> from(AuthSettings auth, Clock clock) {
        if (auth.mode() == AuthSettings.Mode.NONE) {
            return Optional.empty();
        }
        return Optional.of(new TokenVerifier(KeySources.of(auth), auth, clock));
    }

    public Identity verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("token too long");
        }
        JWTClaimsSet claims;
        try {
            JWT parsed = JWTParser.parse(token.strip());
            if (!(parsed instanceof SignedJWT signed)) {
                throw new InvalidTokenException(parsed instanceof PlainJWT ? "unsigned token" : "encrypted token");
            }
            claims = processor.process(signed, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token", e);
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(Rejections.reason(e), e);
        } catch (JOSEException e) {
            throw new InvalidTokenException(Rejections.reason(e), e);
        }
        return Claims.identity(claims);
    }
}
