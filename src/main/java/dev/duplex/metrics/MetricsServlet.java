package dev.duplex.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code GET /metrics}: every meter in the Prometheus text format, for the callers {@link MetricsAccess} allows. */
public final class MetricsServlet extends HttpServlet {

    private final Metrics metrics;
    private final MetricsAccess access;

    /** @param token the bearer token that opens the meters to callers other than loopback; empty: loopback only */
    public MetricsServlet(Metrics metrics, Optional<String> token) {
        this.metrics = metrics;
        this.access = new MetricsAccess(token);
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
