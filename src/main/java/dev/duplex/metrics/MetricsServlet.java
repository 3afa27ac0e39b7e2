package dev.duplex.metrics;

import dev.duplex.Duplex;
import dev.duplex.web.DuplexListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /metrics}: every meter in the Prometheus text format, for the callers {@link MetricsAccess} allows. */
@WebServlet(name = "metrics", urlPatterns = "/metrics")
public final class MetricsServlet extends HttpServlet {

    private Metrics metrics;
    private MetricsAccess access;

    @Override
    public void init() throws ServletException {
        Duplex duplex = DuplexListener.running(getServletContext());
        metrics = duplex.metrics();
        access = new MetricsAccess(duplex.settings().metricsToken());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!access.allows(request.getRemoteAddr(), request.getHeader("Authorization"))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("metrics are open to loopback callers, and to others with the bearer token"
                    + " set as DUPLEX_METRICS_TOKEN\n");
            return;
        }
        response.setContentType(Metrics.PROMETHEUS_TEXT);
        metrics.scrape(response.getOutputStream());
    }
}
