package dev.duplex.metrics;

import dev.duplex.json.JsonAnswer;
import dev.duplex.json.JsonCodec;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /stats}: the page's stats view, as {@link Stats} JSON. Open to anyone who can open the
 * page: it holds counts only, like {@code /health}, none of what {@code /metrics} tells about the JVM.
 */
public final class StatsServlet extends HttpServlet {

    private final Supplier<Stats> stats;
    private final JsonCodec json;

    public StatsServlet(Supplier<Stats> stats, JsonCodec json) {
        this.stats = stats;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonAnswer.send(response, HttpServletResponse.SC_OK, json.write(stats.get()));
    }
}
