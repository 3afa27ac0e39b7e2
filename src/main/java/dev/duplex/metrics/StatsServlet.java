package dev.duplex.metrics;

import dev.duplex.Duplex;
import dev.duplex.web.DuplexListener;
import dev.duplex.web.JsonAnswer;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /stats}: the page's stats view, as {@link Stats} JSON. Open to anyone who can open the
 * page: it holds counts only, like {@code /health}, none of what {@code /metrics} tells about the JVM.
 */
@WebServlet(name = "stats", urlPatterns = "/stats")
public final class StatsServlet extends HttpServlet {

    private Duplex duplex;

    @Override
    public void init() throws ServletException {
        duplex = DuplexListener.running(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonAnswer.send(response, HttpServletResponse.SC_OK, duplex.json().write(duplex.stats()));
    }
}
