package dev.duplex.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.duplex.config.AuthSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Nimbus's claims verifier, set up as duplex wants it: {@code sub} and {@code exp} required,
 * {@code iss} and {@code aud} exact where configured, 60 s of clock skew, time from a
 * {@link Clock}. Nimbus decides; this class only names the reason when it refuses, from the claims
 * themselves, since Nimbus's messages differ between versions (Payara 6 hands the WAR 10.5).
 */
final class ClaimsCheck extends DefaultJWTClaimsVerifier<SecurityContext> {

    static final int CLOCK_SKEW_SECONDS = 60;

    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Clock clock;

    ClaimsCheck(AuthSettings auth, Clock clock) {
        // Not Set.of for the audience: Nimbus 10.5 asks it whether it contains null, which Set.of
        // answers with a NullPointerException.
        super(auth.audience().map(Collections::singleton).orElse(null),
                exactIssuer(auth.issuer()),
                Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME),
                null);
        this.issuer = auth.issuer();
        this.audience = auth.audience();
        this.clock = clock;
        setMaxClockSkew(CLOCK_SKEW_SECONDS);
    }

    /** Refused: a {@link BadJWTException} whose message is a reason fit for the client. */
    static final class Refused extends BadJWTException {
        private static final long serialVersionUID = 1L;

        Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        try {
            super.verify(claims, context);
        } catch (BadJWTException refused) {
            throw new Refused(reason(claims), refused);
        }
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    private String reason(JWTClaimsSet claims) {
        if (claims.getSubject() == null) {
            return "missing claim sub";
        }
        if (claims.getExpirationTime() == null) {
            return "missing claim exp";
        }
        if (audience.isPresent() && !Optional.ofNullable(claims.getAudience()).orElse(List.of()).contains(audience.get())) {
            return "wrong audience";
        }
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            return "wrong issuer";
        }
        Instant now = clock.instant();
        if (!claims.getExpirationTime().toInstant().isAfter(now.minusSeconds(CLOCK_SKEW_SECONDS))) {
            return "token expired";
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            return "token not yet valid";
        }
        return "invalid token";
    }

    private static JWTClaimsSet exactIssuer(Optional<String> issuer) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        issuer.ifPresent(exact::issuer);
        return exact.build();
    }
}
