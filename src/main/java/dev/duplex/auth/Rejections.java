package dev.duplex.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;

/**
 * Why Nimbus refused a signed token, as a reason fit for the client. Its own messages are never
 * passed on: they differ between versions, and one could some day quote the token. Each reason
 * has a test, run on Nimbus 10.10 and on Payara 6's 10.5 ({@code -Dnimbus.version=10.5}).
 */
final class Rejections {

    /** The one message read: no key of an allowed algorithm matches the token's header. */
    private static final String NO_MATCHING_KEY = "no matching key";

    private Rejections() {
    }

    static String reason(BadJOSEException refused) {
        if (refused instanceof ClaimsCheck.Refused) {
            return refused.getMessage();
        }
        if (refused instanceof BadJWSException) {
            return "bad signature";
        }
        if (String.valueOf(refused.getMessage()).contains(NO_MATCHING_KEY)) {
            return "unknown signing key or algorithm";
        }
        return "invalid token";
    }

    static String reason(JOSEException failed) {
        if (failed instanceof RateLimitReachedException) {
            return "unknown signing key or algorithm";
        }
        if (failed instanceof KeySourceException) {
            return "signing keys unavailable";
        }
        return "invalid token";
    }
}
