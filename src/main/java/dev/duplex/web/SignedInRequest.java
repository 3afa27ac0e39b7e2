package dev.duplex.web;

import dev.duplex.auth.Identity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A handshake whose token the filter has verified, handed on with its {@link Identity} as the user
 * principal: both Tomcat's WsFilter and Tyrus's filter give the request's principal to the
 * WebSocket session they create, so the endpoint finds it there without verifying again.
 */
final class SignedInRequest extends HttpServletRequestWrapper {

    private final Identity identity;

    SignedInRequest(HttpServletRequest request, Identity identity) {
        super(request);
        this.identity = identity;
    }

    @Override
    public Principal getUserPrincipal() {
        return identity;
    }
}
