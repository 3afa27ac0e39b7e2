package dev.duplex.echo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /echo?message=...} over plain HTTP, as dwebsocket's {@code accept_websocket} views
 * answered. WebSocket upgrades to the same URL never reach this servlet: the container's WebSocket
 * filter takes them first.
 */
public final class EchoServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        String message = request.getParameter("message");
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/plain");
        if (message == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.getWriter().println("GET /echo needs a message parameter, e.g. /echo?message=hello (or open a WebSocket)");
            return;
        }
        response.getWriter().write(message);
    }
}
