package dev.duplex.health;

import dev.duplex.Duplex;
import dev.duplex.web.DuplexListener;
import dev.duplex.web.JsonAnswer;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /health}: 200 with {@link Health} as JSON, or 503 with the same body when it is down. */
@WebServlet(name = "health", urlPatterns = "/health")
public final class HealthServlet extends HttpServlet {

    private Duplex duplex;

    @Override
    public void init() throws ServletException {
        duplex = DuplexListener.running(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Health health = duplex.health();
        JsonAnswer.send(response, health.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                duplex.json().write(health));
    }
}
