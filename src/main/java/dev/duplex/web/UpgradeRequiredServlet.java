package dev.duplex.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Plain HTTP on a WebSocket-only path answers 426 Upgrade Required, as dwebsocket's
 * {@code require_websocket} did, rather than a puzzling 404. Upgrades never reach here.
 */
public final class UpgradeRequiredServlet extends HttpServlet {

    private static final int UPGRADE_REQUIRED = 426;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(UPGRADE_REQUIRED);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade"); // RFC 9110: a sender of Upgrade lists it in Connection
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = (request.getServletPath() + " speaks WebSocket only: connect with ws:// or wss://\n")
                .getBytes(StandardCharsets.UTF_8);
        // Lets the connection be kept alive. Payara's Grizzly drops the length of any response that
        // carries Upgrade (it takes it for a protocol switch), so there the body ends when Payara
        // closes the idle connection, after 30 s: eclipse-ee4j/glassfish-grizzly#1381.
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
