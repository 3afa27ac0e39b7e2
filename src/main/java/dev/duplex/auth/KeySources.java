package dev.duplex.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import dev.duplex.config.AuthSettings;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys a token may be signed with, each tied to the algorithms it may verify: the shared secret
 * for HS256 alone, the JWKS's public keys for RS256 and ES256 alone. Tying them is what refuses
 * algorithm confusion: an HS256 token "signed" with the RSA public key as its secret finds no key.
 */
final class KeySources {

    static final JWSAlgorithm SECRET_ALGORITHM = JWSAlgorithm.HS256;
    static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private KeySources() {
    }

    static JWSKeySelector<SecurityContext> of(AuthSettings auth) {
        return auth.secret().map(KeySources::secret)
                .orElseGet(() -> jwks(auth.jwks().orElseThrow(() -> new IllegalArgumentException(
                        "duplex.auth=token needs duplex.auth.secret or duplex.auth.jwks"))));
    }

    /** One key, whatever {@code kid} the token names: a kid-matching selector would refuse any. */
    static JWSKeySelector<SecurityContext> secret(String secret) {
        return new SingleKeyJWSKeySelector<>(SECRET_ALGORITHM,
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    /**
     * The keys of a JWKS at an http(s) or file: URL, or in a file. Nimbus's source caches them
     * (5 minutes), fetches them again when a token names a kid it does not know (at most twice in
     * 30 s, so a stream of made-up kids cannot hammer the key server), and reads file: URLs as
     * well as http(s) ones. Refresh-ahead is off: it would run a thread pool that a WAR must
     * remember to stop.
     */
    static JWSKeySelector<SecurityContext> jwks(String jwks) {
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url(jwks))
                .refreshAheadCache(false)
                .build();
        return new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, source);
    }

    private static URL url(String jwks) {
        try {
            if (AuthSettings.isHttp(jwks)) {
                return URI.create(jwks).toURL();
            }
            Path file = jwks.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(jwks)) : Path.of(jwks);
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("duplex.auth.jwks names no readable file: " + file.toAbsolutePath());
            }
            return file.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("duplex.auth.jwks is not a usable URL: '" + jwks + "'", e);
        }
    }
}
