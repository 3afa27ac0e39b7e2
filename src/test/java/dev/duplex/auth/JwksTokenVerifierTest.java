package dev.duplex.auth;

import static dev.duplex.auth.Tokens.claims;
import static dev.duplex.auth.Tokens.jwks;
import static dev.duplex.auth.Tokens.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens signed with a private key (RS256, ES256), verified with the public keys of a JWKS. */
class JwksTokenVerifierTest {

    private static final RSAKey RSA = Tokens.rsaKey("rsa-1");
    private static final ECKey EC = Tokens.ecKey("ec-1");

    @TempDir
    Path dir;

    private HttpServer keyServer;
    private final AtomicReference<String> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();

    @AfterEach
    void stopKeyServer() {
        if (keyServer != null) {
            keyServer.stop(0);
        }
    }

    private String jwksFile(String content) throws IOException {
        return Files.writeString(dir.resolve("jwks.json"), content).toString();
    }

    /** Serves {@link #published} at /jwks on loopback, counting each fetch. */
    private String jwksUrl() throws IOException {
        keyServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keyServer.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        keyServer.start();
        return "http://127.0.0.1:" + keyServer.getAddress().getPort() + "/jwks";
    }

    @Test
    void anRs256TokenIsAcceptedWithThePublicKeyFromAJwksFile() throws Exception {
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(jwksFile(jwks(RSA, EC))));
        assertEquals("ana", verifier.verify(signed(RSA, claims("ana"))).user());
    }

    @Test
    void anEs256TokenIsAcceptedWithThePublicKeyFromAJwksFileUrl() throws Exception {
        String fileUrl = Path.of(jwksFile(jwks(RSA, EC))).toUri().toString();
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(fileUrl));
        assertEquals("bo", verifier.verify(signed(EC, claims("bo"))).user());
    }

    @Test
    void aKeyRotatedIntoTheJwksUrlAfterTheVerifierWasBuiltIsFetchedOnItsUnknownKid() throws Exception {
        published.set(jwks(RSA));
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(jwksUrl()));
        assertEquals("ana", verifier.verify(signed(RSA, claims("ana"))).user());
        assertEquals(1, fetches.get(), "the keys are fetched once, when the first token comes");
        assertEquals("ana", verifier.verify(signed(RSA, claims("ana"))).user());
        assertEquals(1, fetches.get(), "a known kid is served from the cache");

        RSAKey rotated = Tokens.rsaKey("rsa-2");
        published.set(jwks(RSA, rotated));
        assertEquals("bo", verifier.verify(signed(rotated, claims("bo"))).user());
        assertEquals(2, fetches.get(), "the unknown kid made the verifier fetch the keys again");
    }

    @Test
    void aKeyAddedToTheJwksFileIsReadOnItsUnknownKid() throws Exception {
        String file = jwksFile(jwks(RSA));
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(file));
        assertEquals("ana", verifier.verify(signed(RSA, claims("ana"))).user());

        jwksFile(jwks(RSA, EC));
        assertEquals("bo", verifier.verify(signed(EC, claims("bo"))).user());
    }

    @Test
    void aTokenWhoseKidIsInNoJwksIsRefused() throws Exception {
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(jwksFile(jwks(RSA))));
        InvalidTokenException refused = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(signed(Tokens.rsaKey("stranger"), claims("eve"))));
        assertEquals("unknown signing key or algorithm", refused.getMessage());
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderAKnownKidHasABadSignature() throws Exception {
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(jwksFile(jwks(RSA))));
        InvalidTokenException refused = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(signed(Tokens.rsaKey(RSA.getKeyID()), claims("eve"))));
        assertEquals("bad signature", refused.getMessage());
    }

    @Test
    void anHs256TokenSignedWithThePublicKeyAsItsSecretIsRefused() throws Exception {
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(jwksFile(jwks(RSA))));
        byte[] publicKeyAsSecret = RSA.toRSAPublicKey().getEncoded();
        InvalidTokenException refused = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(Tokens.hs256(claims("eve"), publicKeyAsSecret)));
        assertEquals("unknown signing key or algorithm", refused.getMessage());
    }

    @Test
    void aJwksUrlThatCannotBeReachedRefusesTokensAsKeysUnavailable() throws Exception {
        published.set(jwks(RSA));
        String url = jwksUrl();
        keyServer.stop(0);
        keyServer = null;
        TokenVerifier verifier = Tokens.verifier(Tokens.jwksMode(url));
        InvalidTokenException refused = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(signed(RSA, claims("ana"))));
        assertEquals("signing keys unavailable", refused.getMessage());
    }

    @Test
    void aJwksFileThatIsNotThereStopsTheStart() {
        String missing = dir.resolve("nowhere.json").toString();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TokenVerifier.from(Tokens.jwksMode(missing), Tokens.CLOCK));
        assertTrue(refused.getMessage().contains("duplex.auth.jwks"), refused.getMessage());
    }
}
